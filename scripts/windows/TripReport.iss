; Saved as UTF-8 with a byte-order mark, which Inno Setup 6 needs for the Chinese text.
; Inno Setup script: wraps the PyInstaller folder dist\TripReport\ into one TripReport-Setup.exe.
; UNTESTED HERE: Inno Setup runs only on Windows and this project's CI is Linux. Build on a Windows
; PC after `pyinstaller build_installer.spec`, with Inno Setup 6:
;     "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" scripts\windows\TripReport.iss
; The installer goes to dist\installer\. It installs per user (no administrator rights needed),
; which suits locked-down office PCs; the IT office can also deploy it silently with /VERYSILENT.

#define AppName "出國報告編輯器"
#define Bundle "..\..\dist\TripReport"

; The version is written in one place, desktop\__init__.py (__version__ = "x.y.z"); read it here
; unless the build passes one (ISCC /DAppVersion=x.y.z).
#ifndef AppVersion
  #define VersionFile FileOpen(AddBackslash(SourcePath) + "..\..\desktop\__init__.py")
  #if !VersionFile
    #error Cannot open desktop\__init__.py to read the version
  #endif
  #define VersionLine ""
  #sub ReadVersionLine
    #define public Line FileRead(VersionFile)
    #if Pos("__version__", Line) == 1
      #define public VersionLine Line
    #endif
  #endsub
  #for {0; VersionLine == "" && !FileEof(VersionFile); 0} ReadVersionLine
  #expr FileClose(VersionFile)
  #if VersionLine == ""
    #error No __version__ line in desktop\__init__.py
  #endif
  #define AppVersion Copy(VersionLine, Pos('"', VersionLine) + 1, RPos('"', VersionLine) - Pos('"', VersionLine) - 1)
#endif

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
; .tripreport packages open in the app (see [Registry]); Explorer is told to refresh its icons.
ChangesAssociations=yes

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

[Registry]
; A double-clicked .tripreport draft package opens in TripReport. Per user (HKA is HKCU for a
; per-user install), removed on uninstall. The app takes the path as its argument; when it is already
; running on the same data folder, the running window opens the package instead.
Root: HKA; Subkey: "Software\Classes\.tripreport"; ValueType: string; ValueName: ""; ValueData: "TripReport.Package"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.tripreport\OpenWithProgids"; ValueType: string; ValueName: "TripReport.Package"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\TripReport.Package"; ValueType: string; ValueName: ""; ValueData: "出國報告草稿包"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\TripReport.Package\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\TripReport.exe,0"
Root: HKA; Subkey: "Software\Classes\TripReport.Package\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\TripReport.exe"" ""%1"""

[Run]
Filename: "{app}\TripReport.exe"; Description: "啟動{#AppName}"; Flags: nowait postinstall skipifsilent

; Drafts live in %APPDATA%\TripReport and are deliberately left in place on uninstall.
