"""`cocreate score ANSWERS --save`: store an answers file as a session, for scripts."""

from __future__ import annotations

import argparse

from pydantic import ValidationError

from ..domain.answers_file import AnswersFile
from ..domain.bank_models import Bank
from ..domain.errors import CocreateError
from ..domain.paths import data_dir
from ..domain.phrases import Phrase
from ..domain.problem_words import validation_problems
from ..domain.scoring import UNKNOWN
from ..domain.sessions import Session, SessionMeta, new_session, open_questions
from ..domain.storage import SessionStore
from .common import EXIT_INVALID, EXIT_OK, detail, error, said


def save_as_session(args: argparse.Namespace, bank: Bank, parsed: AnswersFile) -> int:
    """Store `parsed` (answers, meta, notes) as a new session and print only its id."""
    try:
        meta = SessionMeta.model_validate(parsed.meta)
    except ValidationError as err:
        error(Phrase("msg_answers_not_saved", path=str(args.answers)))
        for problem in validation_problems(err.errors(include_url=False)):
            detail(f"{args.answers}: meta.{said(problem)}")
        return EXIT_INVALID
    session = filled_session(new_session(meta, bank, language=args.lang), bank, parsed)
    try:
        SessionStore(data_dir(getattr(args, "data_dir", None))).save(session)
    except CocreateError as err:
        # Named by the answers file the user gave: the session file is only the app's.
        error(Phrase("msg_answers_not_saved", path=str(args.answers)))
        detail(err.said)
        return EXIT_INVALID
    print(session.id)
    return EXIT_OK


def filled_session(session: Session, bank: Bank, parsed: AnswersFile) -> Session:
    """`session` with the answers and notes of `parsed`, complete when every question is."""
    for question_id, value in parsed.answers.items():
        if value == UNKNOWN:
            session = session.with_answer(question_id, unknown=True)
        elif value == "not_applicable":
            session = session.with_answer(question_id, not_applicable=True)
        else:
            session = session.with_answer(question_id, value=value)
    for question_id, note in parsed.notes.items():
        session = session.with_note(question_id, note)
    # A full set of answers is a finished check; a partial one can be continued in the wizard.
    return session.with_status("in_progress" if open_questions(session, bank) else "complete")
