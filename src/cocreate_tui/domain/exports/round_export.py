"""A team round as Markdown and JSON: members, the spread per question, agreement, the result."""

from __future__ import annotations

import json
from typing import Any

from ...i18n import t
from ..agreement import QuestionAgreement, strength
from ..bank_models import Bank, Lang
from ..human_format import number
from ..json_views import assessment_to_json
from ..scoring import NOT_APPLICABLE, UNKNOWN
from ..team_round import (
    MemberProgress,
    MemberSessions,
    QuestionSpread,
    TeamRound,
    reveal_view,
    round_result,
)
from ..text_safety import md_inline as md
from .common import answer_words, dimension_words, question_words
from .markdown_export import _assessment, _end, _table

BAR = "█"


def agreement_words(figure: float | None, lang: Lang) -> str:
    """An agreement figure with how to read it, e.g. `0,65 (delvis enige)`."""
    if figure is None:
        return t("round_agreement_none", lang)
    return f"{number(figure, lang, 2)} ({t(f'round_agreement_{strength(figure)}', lang)})"


def question_agreement_words(agreement: QuestionAgreement, lang: Lang) -> str:
    """r_wg with its reading and the count of members behind it."""
    behind = t("round_behind", lang).format(count=agreement.members)
    return f"{agreement_words(agreement.rwg, lang)} · {behind}"


def status_json(team_round: TeamRound, members: list[MemberProgress]) -> str:
    """Who has joined and how far each has come: counts only, never an answer."""
    return _dumps(
        {
            "code": team_round.code,
            "team": team_round.team,
            "state": team_round.state,
            "bank": team_round.bank.model_dump(),
            "members": [
                {"name": m.name, "answered": m.answered, "total": m.total, "done": m.done}
                for m in members
            ],
            "agreed_session": team_round.agreed_session_id,
        }
    )


def status_markdown(team_round: TeamRound, members: list[MemberProgress], lang: Lang) -> str:
    """The same as `status_json`, for people."""
    lines = [
        f"# {t('round_title', lang)}: {md(team_round.team)}",
        "",
        f"**{t('round_code', lang)}:** {team_round.code} · "
        f"{t(f'round_state_{team_round.state}', lang)}",
        "",
    ]
    if not members:
        lines.append(t("round_no_members", lang).format(code=team_round.code))
    else:
        done = t("round_done", lang)
        lines += _table(
            [t("round_member", lang), t("round_progress", lang)],
            [
                [md(m.name), f"{m.answered}/{m.total}" + (f" · {done}" if m.done else "")]
                for m in members
            ],
        )
    return "\n".join(lines) + "\n"


def round_json(
    bank: Bank, team_round: TeamRound, lang: Lang, sessions: MemberSessions | None = None
) -> str:
    """The revealed round: spread and agreement per question and area, and the result so far."""
    result = round_result(team_round, bank)
    data: dict[str, Any] = {
        "code": team_round.code,
        "team": team_round.team,
        "state": team_round.state,
        "bank": team_round.bank.model_dump(),
        "members": [m.name for m in team_round.members],
        "names_shown": team_round.show_names,
        "questions": [
            _question_json(s, team_round.show_names)
            for s in reveal_view(team_round, bank, sessions)
        ],
        "areas": {
            area: {"rwg_j": _rounded(a.rwg_j), "questions": a.questions, "members": a.members}
            for area, a in result.areas.items()
        },
        "split": result.split,
        "not_agreed": result.not_agreed,
        "agreed_session": team_round.agreed_session_id,
    }
    if team_round.state == "agreed":
        data["result"] = assessment_to_json(bank, result.assessment, lang)
    return _dumps(data)


def _question_json(spread: QuestionSpread, names: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": spread.question_id,
        "dimension": spread.dimension,
        "counts": {str(value): n for value, n in spread.counts.items()},
        "unknown": spread.unknown,
        "not_applicable": spread.not_applicable,
        "unanswered": spread.unanswered,
        "rwg": _rounded(spread.agreement.rwg),
        "members_behind": spread.agreement.members,
        "spread": spread.agreement.spread,
        "split": spread.agreement.split,
        "blocker": spread.blocker,
        "revoting_pending": spread.pending,
        "revotes": spread.revotes,
        "agreed": None,
    }
    if names:
        data["votes"] = spread.votes
    if spread.agreed is not None:
        data["agreed"] = {"value": spread.agreed.answer, "why": spread.agreed.why}
    return data


def round_markdown(
    bank: Bank, team_round: TeamRound, lang: Lang, sessions: MemberSessions | None = None
) -> str:
    """The revealed round for people: where the team is split, agreement per area, the spread
    per question as small bars, and the verdict of the agreed answers once there is one."""
    result = round_result(team_round, bank)
    lines = [
        f"# {t('round_title', lang)}: {md(team_round.team)}",
        "",
        f"**{t('round_code', lang)}:** {team_round.code} · "
        f"{t(f'round_state_{team_round.state}', lang)} · "
        f"{t('round_members', lang)}: {md(', '.join(m.name for m in team_round.members))}",
        "",
        f"## {t('round_split_heading', lang)}",
        "",
    ]
    if result.split:
        lines += [t("round_split_why", lang), ""]
        lines += [f"- {md(question_words(bank, q, lang))}" for q in result.split]
    else:
        lines.append(t("round_no_split", lang))
    lines += ["", f"## {t('round_areas_heading', lang)}", ""]
    lines += _table(
        [t("dimension", lang), t("round_agreement", lang), t("questions", lang)],
        [
            [
                md(dimension_words(bank, area, lang)),
                agreement_words(figure.rwg_j, lang),
                f"{figure.questions} · {t('round_behind', lang).format(count=figure.members)}",
            ]
            for area, figure in result.areas.items()
        ],
    )
    lines += ["", f"## {t('round_spread_heading', lang)}", "", t("round_talk_first", lang)]
    for spread in reveal_view(team_round, bank, sessions):
        lines += spread_markdown(bank, spread, team_round.show_names, lang)
    if team_round.state == "agreed":
        lines += ["", f"## {t('round_result_heading', lang)}"]
        lines += _assessment(bank, result.assessment, lang, heading="###")
    return _end(lines, lang, bank.info.source)


def spread_lines(bank: Bank, spread: QuestionSpread, names: bool, lang: Lang) -> list[str]:
    """One line per option: a bar as long as its count, the count, the label, and who."""
    widest = max(spread.counts.values(), default=0)
    lines = []
    for value, count in spread.counts.items():
        bar = BAR * count + "·" * (widest - count)
        who = f" ({', '.join(spread.names[value])})" if names and count else ""
        lines.append(f"{bar} {count} {answer_words(bank, spread.question_id, value, lang)}{who}")
    # The vote kinds double as their i18n keys («Vet ikke», «Gjelder ikke oss»).
    for kind, count in ((UNKNOWN, spread.unknown), (NOT_APPLICABLE, spread.not_applicable)):
        if count:
            voters = [n for n, v in spread.votes.items() if v == kind]
            shown = f" ({', '.join(voters)})" if names else ""
            lines.append(f"{count} {t(kind, lang)}{shown}")
    return lines


def spread_markdown(bank: Bank, spread: QuestionSpread, names: bool, lang: Lang) -> list[str]:
    """One question's part of the Markdown export."""
    mark = f"**[{t('round_blocker_mark', lang)}]** " if spread.blocker else ""
    lines = ["", f"### {mark}{md(question_words(bank, spread.question_id, lang))}", ""]
    if spread.pending is not None:
        return [*lines, t("round_revoting", lang).format(count=spread.pending)]
    lines += [f"    {line}" for line in spread_lines(bank, spread, names, lang)]
    lines += [
        "",
        f"{t('round_agreement', lang)}: {question_agreement_words(spread.agreement, lang)}",
    ]
    if spread.revotes:
        lines += ["", t("round_revotes", lang).format(count=spread.revotes)]
    if spread.agreed is not None:
        agreed = md(answer_words(bank, spread.question_id, spread.agreed.answer, lang))
        lines += ["", f"**{t('round_agreed_answer', lang)}:** {agreed}"]
        if spread.agreed.why:
            lines += ["", f"_{t('round_why', lang)}:_ {md(spread.agreed.why)}"]
    return lines


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
