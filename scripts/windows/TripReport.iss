; Saved as UTF-8 with a byte-order mark, which Inno Setup 6 needs for the Chinese text.
; Inno Setup script: wraps the PyInstaller folder dist\TripReport\ into one TripReport-Setup.exe.
; UNTESTED HERE: Inno Setup runs only on Windows and this project's CI is Linux. Build on a Windows
; PC after `pyinstaller build_installer.spec`, with Inno Setup 6:
;     "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" scripts\windows\TripReport.iss
; The installer goes to dist\installer\. It installs per user (no administrator rights needed),
; which suits locked-down office PCs; the IT office can also deploy it silently with /VERYSILENT.

#define AppName "出國報告編輯器"
#define AppVersion "0.1.0"
#define Bundle "..\..\dist\TripReport"

[Setup]
; A fixed AppId makes later versions upgrade this installation instead of installing beside it.
AppId={{6F1D3C1E-5B7A-4C59-9D2E-7B0E8A9C4F21}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=TripReport
DefaultDirName={localappdata}\Programs\TripReport
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
OutputDir=..\..\dist\installer
OutputBaseFilename=TripReport-Setup-{#AppVersion}
SetupIconFile=..\..\resources\icons\app.ico
UninstallDisplayIcon={app}\TripReport.exe
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern

[Languages]
; If Inno Setup's Languages\ folder has no ChineseTraditional.isl, get it from the Inno Setup
; translations page (jrsoftware.org/files/istrans/), or delete this line for an English wizard.
Name: "zh_TW"; MessagesFile: "compiler:Languages\ChineseTraditional.isl"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\TripReport.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\TripReport.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "在桌面建立捷徑"; GroupDescription: "其他："

[Run]
Filename: "{app}\TripReport.exe"; Description: "啟動{#AppName}"; Flags: nowait postinstall skipifsilent

; Drafts live in %APPDATA%\TripReport and are deliberately left in place on uninstall.
