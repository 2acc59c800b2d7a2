"""Cover lines and the 提要 sheet: labelled values read into draft fields.

The labels come from the kinds' templates (vocabulary.py); a label the templates do not print
(派赴國家 for 派赴國家/地區) is matched loosely. A value that cannot be read is kept as typed: a date
in `pending_inputs`, other text as it is.
"""

from __future__ import annotations

from desktop.domain.text import clean_line, clean_text
from desktop.interchange.word_import import field_values as fv
from desktop.interchange.word_import.notes import UNCERTAIN
from desktop.interchange.word_import.plan import Plan
from desktop.interchange.word_import.vocabulary import LABEL_SPLIT, LabelRule, Vocabulary

STRING_FIELDS = ("title", "agency", "host_agency", "system_id", "visited_agencies", "topic", "contact_name",
                 "contact_phone", "unit")
DATE_FIELDS = {"report_date": "report_date", "report_date_plain": "report_date", "report_date_slash": "report_date",
               "start_date": "start_date", "end_date": "end_date"}
FIELD_LABELS = {"start_date": "出國期間", "report_date": "報告日期"}


class FieldReader:
    def __init__(self, vocab: Vocabulary, categories: list[str], other_kinds: list[str], plan: Plan):
        self.vocab = vocab
        self.categories = categories
        self.other_kinds = other_kinds
        self.plan = plan
        self.fields = plan.fields

    # ---- finding labelled values --------------------------------------------------------------

    def line(self, text: str) -> bool:
        """A paragraph such as 「服務機關：臺南市政府」; True when it was read."""
        return self._line(text) is not None

    def _line(self, text: str):
        """The rule that read the line (True for a whole-line pattern), or None."""
        text = clean_text(text).strip()
        if not text:
            return None
        for pattern in self.vocab.lines:
            match = pattern.regex.match(text)
            if match:
                for name, value in match.groupdict().items():
                    if value is not None:
                        self.apply(name.replace("__", "."), value, None)
                return True
        split = LABEL_SPLIT.match(text)
        if split:
            rule = self.vocab.rule_for(split.group("label"))
            if rule is not None:
                self.apply_rule(rule, split.group("value"))
                return rule
        return None

    def row(self, cells: list[str]) -> bool:
        """A table row: label | value (| label | value …), or cells holding 「label：value」 lines."""
        read = False
        i = 0
        while i < len(cells):
            cell = cells[i].strip()
            # a label cell may wrap: 「出國人員\n（姓名／服務機關…）」
            rule = self.vocab.rule_for(cell.replace("\n", "")) if cell and len(cell) <= 60 else None
            if rule is not None and i + 1 < len(cells):
                self.apply_rule(rule, cells[i + 1])
                read = True
                i += 2
                continue
            read = self.cell_lines(cell) or read
            i += 1
        return read

    def cell_lines(self, cell: str) -> bool:
        """Lines of 「label：value」; a line with no label continues a list value above it (the
        出國人員 written one per line under their label)."""
        read = False
        current = None
        for line in (x for x in cell.split("\n") if x.strip()):
            rule = self._line(line)
            if rule is not None:
                read = True
                current = rule if isinstance(rule, LabelRule) and _is_list(rule) else None
            elif current is not None:
                self.apply_rule(current, line, append=True)
        return read

    def apply_rule(self, rule: LabelRule, value: str, append: bool = False) -> None:
        if rule.mainland is not None:
            self.fields.setdefault("mainland", rule.mainland)
        if not rule.var:
            return
        if rule.pattern is not None:
            match = rule.pattern.match(clean_text(value).strip())
            if match:
                for name, part in match.groupdict().items():
                    if part is not None:
                        self.apply(name.replace("__", "."), part, rule.mainland)
                return
        self.apply(rule.var, value, rule.mainland, append)

    # ---- one value ----------------------------------------------------------------------------

    def apply(self, var: str, value: str, mainland: bool | None, append: bool = False) -> None:
        text = clean_line(value)
        multi = [clean_line(x) for x in clean_text(value).split("\n") if clean_line(x)]
        f = self.fields
        if var == "kind_word":
            if text in fv_kind_words():
                f.setdefault("mainland", fv_kind_words()[text])
        elif var in STRING_FIELDS:
            if text:
                f.setdefault(var, text)
        elif var == "traveller_line":
            self.plan.traveller_line = self.plan.traveller_line or text
        elif var == "places":
            countries, cities = fv.parse_places(text)
            if countries or cities:
                f.setdefault("countries", countries)
                f.setdefault("cities", cities)
        elif var in ("period", "period_plain"):
            if text and "start_date" not in f:
                try:
                    f["start_date"], f["end_date"] = fv.parse_period(text)
                except ValueError:
                    self.plan.pending.setdefault("start_date", text)
                    self.plan.notes.add(UNCERTAIN, f"出國期間「{text}」看不懂，已保留原文，請改寫成日期。", "field:start_date")
        elif var in DATE_FIELDS:
            key = DATE_FIELDS[var]
            if text and key not in f:
                try:
                    f[key] = fv.parse_date(text)
                except ValueError:
                    self.plan.pending.setdefault(key, text)
                    self.plan.notes.add(UNCERTAIN, f"{FIELD_LABELS.get(key, key)}「{text}」看不懂，已保留原文。", f"field:{key}")
        elif var == "keywords":
            if text:
                f.setdefault("keywords", fv.split_list(text))
        elif var == "category":
            chosen, other = fv.parse_categories(text, self.categories)
            if chosen:
                f.setdefault("categories", chosen)
                if other:
                    f.setdefault("other_kind", other)
        elif var == "category_boxes":
            ticks = fv.ticked(clean_text(value))
            main = [t for t in ticks if t in self.categories]
            if main and "categories" not in f:
                f["categories"] = main
            other = [t for t in ticks if t in self.other_kinds]
            if other:
                f.setdefault("other_kind", other[0])
        elif var == "contact_line":
            name, phone = fv.parse_contact_line(text)
            if name:
                f.setdefault("contact_name", name)
            if phone:
                f.setdefault("contact_phone", phone)
        elif var.startswith("travellers."):
            with_rank = var == "travellers.line"
            people = [fv.parse_traveller_line(line, with_rank) for line in multi]
            if people and (append or not self.plan.sheet_travellers):
                self.plan.sheet_travellers += people
                self.plan.sheet_travellers_with_rank = with_rank
        elif var == "summary_paragraphs":
            if multi and (append or not self.plan.sheet_summary):
                self.plan.sheet_summary += multi


def _is_list(rule: LabelRule) -> bool:
    return rule.var == "summary_paragraphs" or rule.var.startswith("travellers.")


def fv_kind_words() -> dict[str, bool]:
    from desktop.interchange.word_import.vocabulary import KIND_WORDS

    return KIND_WORDS
