"""A team round as a printable HTML report and as CSV for spreadsheets: the spread per question."""

from __future__ import annotations

import csv
import io

from ...i18n import t
from ..bank_models import Bank, Lang
from ..scoring import NOT_APPLICABLE, UNKNOWN, AnswerValue
from ..team_round import (
    MemberSessions,
    QuestionSpread,
    TeamRound,
    Vote,
    reveal_view,
    round_result,
)
from ..text_safety import Markup, csv_cell
from .common import answer_words, dimension_words, question_words
from .html_export import _assessment, _page, _table
from .html_parts import NOTHING, html_items
from .round_export import BAR, agreement_words, question_agreement_words

CSV_COLUMNS = (
    "code",
    "team",
    "state",
    "dimension",
    "question_id",
    "question",
    "rwg",
    "members_behind",
    "spread",
    "split",
    "blocker",
    "revotes",
    "value",
    "answer",
    "count",
    "members",
    "agreed_value",
    "agreed_answer",
    "why",
)
"""One row per option of every question (and one each for «Vet ikke» and «Gjelder ikke oss»
where someone chose them): a pivot table gives the spread. Names stay in English, as in the
other CSV exports; `members` is empty when the team hides names."""


def round_csv(
    bank: Bank, team_round: TeamRound, lang: Lang, sessions: MemberSessions | None = None
) -> str:
    """Every question's spread, in talking order, for a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for spread in reveal_view(team_round, bank, sessions):
        question = [
            team_round.code,
            csv_cell(team_round.team),
            team_round.state,
            spread.dimension,
            spread.question_id,
            csv_cell(question_words(bank, spread.question_id, lang)),
            "" if spread.agreement.rwg is None else f"{spread.agreement.rwg:.3f}",
            str(spread.agreement.members),
            "" if spread.agreement.spread is None else str(spread.agreement.spread),
            _flag(spread.agreement.split),
            _flag(spread.blocker),
            str(spread.revotes),
        ]
        agreed = spread.agreed
        outcome = [
            "" if agreed is None else str(agreed.answer),
            ""
            if agreed is None
            else csv_cell(answer_words(bank, spread.question_id, agreed.answer, lang)),
            "" if agreed is None else csv_cell(agreed.why),
        ]
        for value, count, names in _choices(spread):
            shown = ", ".join(names) if team_round.show_names else ""
            answer = answer_words(bank, spread.question_id, value, lang)
            choice = [str(value), csv_cell(answer), str(count), csv_cell(shown)]
            writer.writerow(question + choice + outcome)
    return buffer.getvalue()


def _flag(value: bool) -> str:
    return "yes" if value else "no"


def _choices(spread: QuestionSpread) -> list[tuple[AnswerValue, int, list[str]]]:
    """Each option with its count and who chose it; then «Vet ikke» and «Gjelder ikke oss»
    when someone did. Nothing while the question is being voted on again."""
    if spread.pending is not None:
        return []
    rows: list[tuple[AnswerValue, int, list[str]]] = [
        (value, count, spread.names[value]) for value, count in spread.counts.items()
    ]
    for kind, count in ((UNKNOWN, spread.unknown), (NOT_APPLICABLE, spread.not_applicable)):
        if count:
            rows.append((kind, count, _voters(spread.votes, kind)))
    return rows


def _voters(votes: dict[str, Vote], kind: AnswerValue) -> list[str]:
    return [name for name, vote in votes.items() if vote == kind]


def round_html(
    bank: Bank, team_round: TeamRound, lang: Lang, sessions: MemberSessions | None = None
) -> str:
    """The round for leadership or the team's own records: where the team is split, the
    agreement per area, every question's spread as bars, and the verdict once agreed."""
    result = round_result(team_round, bank)
    title = f"{t('round_title', lang)}: {team_round.team}"
    members = ", ".join(m.name for m in team_round.members)
    parts = [
        Markup("<h1>{}</h1>").format(title),
        Markup(
            '<dl class="meta"><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd></dd><dt>{}</dt><dd>{}</dd></dl>'
        ).format(
            t("round_code", lang),
            team_round.code,
            t("round_state_" + team_round.state, lang),
            t("round_members", lang),
            members,
        ),
        Markup("<h2>{}</h2>").format(t("round_split_heading", lang)),
    ]
    if result.split:
        parts.append(
            Markup("<p>{}</p><ul>{}</ul>").format(
                t("round_split_why", lang),
                html_items(question_words(bank, q, lang) for q in result.split),
            )
        )
    else:
        parts.append(Markup("<p>{}</p>").format(t("round_no_split", lang)))
    parts += [
        Markup("<h2>{}</h2>").format(t("round_areas_heading", lang)),
        _table(
            [t("dimension", lang), t("round_agreement", lang)],
            [
                [
                    dimension_words(bank, area, lang),
                    agreement_words(figure.rwg_j, lang),
                    str(figure.questions),
                    str(figure.members),
                ]
                for area, figure in result.areas.items()
            ],
            numeric=[t("questions", lang), t("round_members", lang)],
        ),
        Markup("<h2>{}</h2>").format(t("round_spread_heading", lang)),
        Markup("<p>{}</p>").format(t("round_talk_first", lang)),
    ]
    parts += [
        _spread_html(bank, spread, team_round.show_names, lang)
        for spread in reveal_view(team_round, bank, sessions)
    ]
    if team_round.state == "agreed":
        parts += [
            Markup("<h2>{}</h2>").format(t("round_result_heading", lang)),
            _assessment(bank, result.assessment, lang),
        ]
    return _page(title, parts, lang, bank.info.source)


def _spread_html(bank: Bank, spread: QuestionSpread, names: bool, lang: Lang) -> Markup:
    tag = (
        Markup('<span class="tag">{}</span> ').format(t("round_blocker_mark", lang))
        if spread.blocker
        else NOTHING
    )
    heading = Markup("<h3>{}{}</h3>").format(tag, question_words(bank, spread.question_id, lang))
    if spread.pending is not None:
        revoting = t("round_revoting", lang).format(count=spread.pending)
        return heading + Markup("<p>{}</p>").format(revoting)
    choices = _choices(spread)
    widest = max((count for _, count, _ in choices), default=0)
    rows = [
        [
            answer_words(bank, spread.question_id, value, lang),
            BAR * count + "·" * (widest - count),
            ", ".join(who) if names else "",
            str(count),
        ]
        for value, count, who in choices
    ]
    parts = [
        heading,
        _table(
            [t("answer", lang), "", t("round_members", lang)],
            rows,
            numeric=[t("round_count", lang)],
            marked=[spread.agreement.split and count > 0 for _, count, _ in choices],
        ),
        Markup("<p>{}: {}</p>").format(
            t("round_agreement", lang), question_agreement_words(spread.agreement, lang)
        ),
    ]
    if spread.revotes:
        revotes = t("round_revotes", lang).format(count=spread.revotes)
        parts.append(Markup("<p>{}</p>").format(revotes))
    if spread.agreed is not None:
        agreed = answer_words(bank, spread.question_id, spread.agreed.answer, lang)
        parts.append(
            Markup("<p><strong>{}:</strong> {}</p>").format(t("round_agreed_answer", lang), agreed)
        )
        if spread.agreed.why:
            parts.append(
                Markup("<p><em>{}:</em> {}</p>").format(t("round_why", lang), spread.agreed.why)
            )
    return Markup("\n").join(parts)
