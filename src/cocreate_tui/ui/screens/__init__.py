"""The wizard's full screens: start, new session, intro, questions, review, results and more."""
