"""Every user-facing string of the app and the CLI, in Norwegian bokmål and English."""

from __future__ import annotations

from typing import Literal

Lang = Literal["nb", "en"]

STRINGS: dict[str, tuple[str, str]] = {
    # key: (nb, en)
    "level": ("Vurdering", "Verdict"),
    "overall": ("Samlet", "Overall"),
    "coverage": ("Besvart", "Answered"),
    "dimension": ("Område", "Area"),
    "score": ("Poeng", "Score"),
    "questions": ("Spørsmål", "Questions"),
    "lessons": ("Lærdommer", "Lessons"),
    "dimensions": ("Områder", "Areas"),
    "section": ("Kapittel", "Section"),
    "kind": ("Type", "Kind"),
    "blocker": ("Må på plass først", "Must be in place first"),
    "advice": ("Råd", "Advice"),
    "blockers_heading": (
        "Må på plass før dere inviterer innbyggere",
        "Must be in place before you invite citizens",
    ),
    "recommendations_heading": ("Dette bør dere gjøre først", "What to do first"),
    "ambition_heading": ("Ambisjon og forberedelser", "Ambition and readiness"),
    "ambition": ("Ambisjon", "Ambition"),
    "clarify_heading": ("Avklar før dere starter", "Clarify before you start"),
    "unanswered_heading": ("Ikke besvart", "Not answered"),
    "notes_heading": ("Notater", "Notes"),
    "no_score": ("ikke nok svar", "not enough answers"),
    "because_of": ("fordi dere svarte", "because you answered"),
    "unknown": ("Vet ikke", "Don't know"),
    "from_report": ("Fra rapporten", "From the report"),
    "not_applicable": ("Gjelder ikke oss", "Does not apply to us"),
    "not_applicable_heading": ("Gjelder ikke oss", "Does not apply to us"),
    "key_not_applicable": ("Gjelder ikke oss", "Does not apply to us"),
    "help_key_not_applicable": (
        "Gjelder ikke oss (der spørsmålet tilbyr det)",
        "Does not apply to us (where the question offers it)",
    ),
    "reason_missing": ("Dette mangler: {items}.", "This is missing: {items}."),
    "reason_weak_areas": (
        "Svake områder (under {floor} poeng): {items}.",
        "Weak areas (below {floor} points): {items}.",
    ),
    "reason_area": ("{name} {score}", "{name} {score}"),
    "reason_overall_below": (
        "Samlet poengsum er {score} av 100; tynn samskaping krever minst {floor}.",
        "The overall score is {score} of 100; thin co-creation needs at least {floor}.",
    ),
    "reason_towards_thick_areas": (
        "Før dere går mot tykk samskaping, styrk: {items} (under {floor} poeng).",
        "Before moving towards thick co-creation, strengthen: {items} (below {floor} points).",
    ),
    "reason_towards_thick_overall": (
        "Samlet poengsum er {score}; tykk samskaping krever minst {floor}.",
        "The overall score is {score}; thick co-creation needs at least {floor}.",
    ),
    "reason_coverage": (
        "For få svar til en vurdering: minst {needed} % av spørsmålene må være besvart.",
        "Too few answers for a verdict: at least {needed} % of the questions must be answered.",
    ),
    "reason_blocker_unknown_many": (
        "{count} spørsmål som avgjør om dere kan starte, er ikke avklart."
        " De står først under «Avklar før dere starter».",
        "{count} questions that decide whether you can start are not clear."
        " They come first under «Clarify before you start».",
    ),
    "reason_blocker_unknown": (
        "Disse spørsmålene avgjør om dere kan starte, og er ikke avklart: {items}.",
        "These questions decide whether you can start, and are not clear: {items}.",
    ),
    "rests_on": (
        "Tallene bygger på {answered} av {counted} svar",
        "The figures rest on {answered} of {counted} answers",
    ),
    "area_thin": ("bare {answered} av {total} besvart", "only {answered} of {total} answered"),
    "stop_reason": ("Rapporten, {section}: «{quote}»", "The report, {section}: «{quote}»"),
    "law_now": (
        "Loven nå: {name} ({year}) – {note} {url}",
        "The law now: {name} ({year}) – {note} {url}",
    ),
    "more_recommendations": (
        "{count} til – `cocreate score --all` viser alle",
        "{count} more – `cocreate score --all` shows all",
    ),
    "more_recommendations_ui": (
        "{count} til – trykk a for å se alle",
        "{count} more – press a to see all",
    ),
    "key_all_advice": ("Alle råd", "All advice"),
    "appendix_heading": ("Vedlegg: flere råd", "Appendix: more advice"),
    "md_more_in_appendix": (
        "{count} råd til står i vedlegget bakerst.",
        "{count} more pieces of advice are in the appendix at the end.",
    ),
    "drift_banner": (
        "Spørsmålene er endret siden denne vurderingen ble laget (bank {old} → {new}):"
        " {changed} endret – svar på nytt, {reworded} omformulert – se over.",
        "The questions have changed since this assessment was made (bank {old} → {new}):"
        " {changed} changed – answer again, {reworded} reworded – look over.",
    ),
    "drift_changed": (
        "Spørsmålet er endret siden dere svarte – svar på nytt",
        "The question has changed since you answered – answer again",
    ),
    "drift_reworded": (
        "Omformulert siden dere svarte – se over",
        "Reworded since you answered – look over",
    ),
    "verdict_advice_heading": ("Om vurderingen", "About the verdict"),
    "undetermined_coverage": (
        "For mange spørsmål er ubesvart eller «Vet ikke».",
        "Too many questions are unanswered or «Don't know».",
    ),
    "undetermined_blocker_unknown": (
        "Et spørsmål som avgjør om dere kan starte, er ikke besvart.",
        "A question that decides whether you can start is not answered.",
    ),
    "ignored_answers": (
        "Svar på spørsmål som ikke finnes i denne banken, er tatt vare på, men ikke regnet med",
        "Answers to questions this bank does not have are kept, but not counted",
    ),
    # --- facilitator review: show, list, export, compare, merge, import ---
    "session_report_title": (
        "Er vi klare for samskaping? Vurdering",
        "Are we ready to co-create? Assessment",
    ),
    "comparison_title": ("Sammenligning over tid", "Comparison over time"),
    "merge_title": ("Teamets samlede svar", "The team's merged answers"),
    "team": ("Team", "Team"),
    "organisation": ("Organisasjon", "Organisation"),
    "service_area": ("Tjeneste", "Service"),
    "respondent": ("Svart av", "Answered by"),
    "role": ("Rolle", "Role"),
    "mode": ("Hvordan", "How"),
    "mode_team": ("Teamet svarte sammen", "The team answered together"),
    "mode_individual": ("Én person svarte alene", "One member answered alone"),
    "mode_team_short": ("Hele teamet", "The whole team"),
    "phase": ("Tidspunkt", "When"),
    "phase_before_inviting": ("Før innbyggerne inviteres", "Before citizens are invited"),
    "phase_after_first_meeting": ("Etter første møte", "After the first meeting"),
    "phase_evaluation": ("Evaluering", "Evaluation"),
    "status": ("Status", "Status"),
    "status_in_progress": ("Ikke ferdig", "Not finished"),
    "status_complete": ("Ferdig", "Finished"),
    "created": ("Startet", "Started"),
    "updated": ("Sist endret", "Last changed"),
    "session": ("Økt", "Session"),
    "sessions": ("Økter", "Sessions"),
    "bank_used": ("Spørsmålsbank", "Question bank"),
    "answers_heading": ("Svarene", "The answers"),
    "answer": ("Svar", "Answer"),
    "note": ("Notat", "Note"),
    "not_answered": ("Ikke besvart", "Not answered"),
    "notes_left_out": ("Notater er utelatt", "Notes are left out"),
    "notes_left_out_why": (
        "De kan inneholde opplysninger om innbyggere som er underlagt taushetsplikt.",
        "They may hold information about citizens that is confidential.",
    ),
    "chart_title": ("Poeng per område (0–100)", "Score per area (0–100)"),
    "no_recommendations": (
        "Svarene peker ikke på noe dere må ta tak i først.",
        "The answers point to nothing you need to deal with first.",
    ),
    "bank_differs": (
        "Økten ble laget med spørsmålsbanken {old}, og er vurdert med {new}.",
        "The session was made with the question bank {old}, and is assessed with {new}.",
    ),
    "source": ("Kilde", "Source"),
    "footer": (
        "Laget med cocreate-tui. Svarene er lagret lokalt og ikke sendt noe sted.",
        "Made with cocreate-tui. The answers are stored locally and sent nowhere.",
    ),
    "sessions_compared": ("Øktene som sammenlignes", "The sessions compared"),
    "overall_change_heading": ("Fra første til siste økt", "From the first to the last session"),
    "step_heading": ("Fra {before} til {after}", "From {before} to {after}"),
    "before": ("Før", "Before"),
    "after": ("Etter", "After"),
    "change": ("Endring", "Change"),
    "level_unchanged": ("Vurderingen er den samme", "The verdict is the same"),
    "level_changed": ("Vurderingen er endret", "The verdict has changed"),
    "level_better": ("Vurderingen er bedre", "The verdict is better"),
    "level_worse": ("Vurderingen er svakere", "The verdict is weaker"),
    "changed_answers_heading": ("Svar som er endret", "Answers that changed"),
    "no_changed_answers": ("Ingen svar er endret.", "No answers changed."),
    "blockers_raised_heading": (
        "Nytt som må på plass før dere inviterer innbyggere",
        "New things that must be in place before you invite citizens",
    ),
    "blockers_cleared_heading": ("På plass siden sist", "In place since last time"),
    "shared_only": (
        "Øktene ble laget med ulike versjoner av spørsmålsbanken. Poengene er derfor "
        "sammenlignet bare på spørsmålene begge øktene har svart på.",
        "The sessions were made with different versions of the question bank, so the scores "
        "are compared only on the questions both sessions answered.",
    ),
    "left_out_questions": (
        "Besvart i bare én av øktene, og derfor ikke sammenlignet",
        "Answered in only one of the sessions, so not compared",
    ),
    "banks_heading": ("Spørsmålsbanker", "Question banks"),
    "current_bank": ("den som brukes nå", "the one in use now"),
    "several_teams": (
        "Øktene gjelder flere team: {teams}. Sjekk at det er riktig.",
        "The sessions belong to several teams: {teams}. Check that this is right.",
    ),
    "members_heading": ("Hvem som svarte", "Who answered"),
    "disagreements_heading": (
        "Snakk sammen om dette før dere inviterer innbyggere",
        "Talk this through together before you invite citizens",
    ),
    "disagreements_why": (
        "På disse spørsmålene ligger svarene to eller flere trinn fra hverandre.",
        "On these questions the answers are two or more steps apart.",
    ),
    "no_disagreements": (
        "Ingen spørsmål har svar som ligger to eller flere trinn fra hverandre.",
        "No question has answers two or more steps apart.",
    ),
    "disagreement": ("Ulike svar", "Answers differ"),
    "distribution": ("Fordeling", "Distribution"),
    "median": ("Median", "Median"),
    "spread": ("Spredning (trinn)", "Spread (steps)"),
    "merged_answer": ("Samlet svar", "Merged answer"),
    "merged_rule": (
        "Det samlede svaret er det laveste av de to midterste svarene (nedre median). Da blir "
        "vurderingen heller for forsiktig enn for optimistisk.",
        "The merged answer is the lower of the two middle answers (the lower median), so the "
        "verdict errs on the careful side.",
    ),
    "merged_verdict": ("Vurdering av de samlede svarene", "Verdict on the merged answers"),
    "saved_as": ("Lagret som ny økt: {id}", "Saved as a new session: {id}"),
    "answered_n": ("{n} besvart", "{n} answered"),
    "list_empty": ("Ingen lagrede økter ennå.", "No saved sessions yet."),
    "synced_folder_warning": (
        "Obs: Datamappen {folder} ligger i en mappe som {service} synkroniserer. Notatene kan "
        "inneholde taushetsbelagte opplysninger, og da blir de kopiert til skyen. Bruk heller "
        "en mappe som ikke synkroniseres (--data-dir eller COCREATE_DATA_DIR).",
        "Note: the data folder {folder} lies in a folder that {service} synchronises. Notes may "
        "hold confidential information, and they are then copied to the cloud. Use a folder "
        "that is not synchronised instead (--data-dir or COCREATE_DATA_DIR).",
    ),
    "unreadable_heading": ("Filer som ikke kunne leses", "Files that could not be read"),
    "imported": ("Importert", "Imported"),
    "export_written": ("Skrev {path}", "Wrote {path}"),
    "merged_member_note": (
        "Notatene er samlet per spørsmål, med navnet på den som skrev dem.",
        "Notes are gathered per question, with the name of whoever wrote them.",
    ),
    # --- the wizard (ui/) and its Markdown export (domain/exports/report_markdown.py) ---
    "close": ("Lukk", "Close"),
    "open_failed": ("Kunne ikke åpne vurderingen", "Could not open the assessment"),
    "save_failed": ("Kunne ikke lagre", "Could not save"),
    # Two windows, one session; a save that fails.
    "open_elsewhere_title": ("Åpen i et annet vindu", "Open in another window"),
    "open_elsewhere_body": (
        "Denne vurderingen ({team}) er åpen i et annet vindu (på {host}, siden {since}). "
        "Hvis dere endrer den her også, kan svar fra det ene vinduet skrive over det andre.",
        "This assessment ({team}) is open in another window (on {host}, since {since}). "
        "If you change it here as well, answers from one window could overwrite the other.",
    ),
    "open_elsewhere_read_only": ("Se den uten å endre", "View it without changing it"),
    "open_elsewhere_copy": ("Lag en kopi og fortsett", "Make a copy and continue"),
    "open_elsewhere_cancel": ("Avbryt", "Cancel"),
    "open_elsewhere_copy_suffix": (" (kopi)", " (copy)"),
    "open_elsewhere_copied": (
        "Dere fortsetter i en kopi: {team}. Originalen er ikke endret.",
        "You are continuing in a copy: {team}. The original is unchanged.",
    ),
    "open_elsewhere_read_only_note": (
        "Bare for visning: vurderingen er åpen i et annet vindu.",
        "View only: the assessment is open in another window.",
    ),
    "save_failed_title": ("Svarene ble ikke lagret", "The answers were not saved"),
    "save_failed_full": ("Disken er full.", "The disk is full."),
    "save_failed_read_only": (
        "Mappen kan ikke skrives til.",
        "The folder cannot be written to.",
    ),
    "save_failed_other": ("Noe hindret lagringen.", "Something stopped the save."),
    "save_failed_kept": (
        "Ingenting er tapt: svarene er tatt vare på så lenge appen er åpen. "
        "Lagre en kopi et annet sted, eller prøv igjen når det er ryddet plass.",
        "Nothing is lost: the answers are kept while the app is open. "
        "Save a copy somewhere else, or try again once there is room.",
    ),
    "save_failed_folder": ("Mappe for kopien:", "Folder for the copy:"),
    "save_failed_elsewhere": ("Lagre en kopi et annet sted", "Save a copy somewhere else"),
    "save_failed_retry": ("Prøv igjen", "Try again"),
    "save_failed_later": ("Fortsett uten å lagre nå", "Continue without saving now"),
    "save_failed_no_folder": ("Skriv inn en mappe først.", "Type a folder first."),
    "save_failed_copy_saved": ("Kopien er lagret i {path}", "The copy is saved in {path}"),
    "save_failed_copy_failed": (
        "Kopien kunne ikke lagres: {reason}",
        "The copy could not be saved: {reason}",
    ),
    "save_failed_still": (
        "Svarene er ennå ikke lagret; neste endring prøver igjen.",
        "The answers are not saved yet; the next change tries again.",
    ),
    "save_recovered": ("Svarene er lagret igjen.", "The answers are saved again."),
    "quit_hint": (
        "Trykk Ctrl+Q for å avslutte. Alt er allerede lagret.",
        "Press Ctrl+Q to quit. Everything is already saved.",
    ),
    "quit_hint_title": ("Vil dere avslutte?", "Do you want to quit?"),
    "too_small": (
        "Vinduet er for lite til å vise sjekken ({width}×{height}).\n\n"
        "Gjør vinduet minst {min_width}×{min_height} tegn stort, eller gjør skriften mindre. "
        "Ingenting er tapt, og Ctrl+Q avslutter.",
        "The window is too small to show the check ({width}×{height}).\n\n"
        "Make it at least {min_width}×{min_height} characters, or make the font smaller. "
        "Nothing is lost, and Ctrl+Q quits.",
    ),
    "bank_changed_notice": (
        "Spørsmålene er endret siden dere startet. Nye spørsmål står åpne. "
        "Svar på spørsmål som er tatt bort ({removed}), er tatt vare på, men teller ikke med.",
        "The questions have changed since you started. New questions are open. "
        "Answers to questions that were removed ({removed}) are kept, but do not count.",
    ),
    # footer keys (short: the footer must fit 80 columns)
    "key_new": ("Ny", "New"),
    "key_saved": ("Lagrede", "Saved"),
    "key_about": ("Om", "About"),
    "key_language": ("English", "Norsk"),
    "key_help": ("Hjelp", "Help"),
    "key_theme": ("Lys/mørk", "Light/dark"),
    "key_quit": ("Avslutt", "Quit"),
    "key_palette": ("Meny", "Menu"),
    "key_begin": ("Start", "Start"),
    "key_cancel": ("Avbryt", "Cancel"),
    "key_continue": ("Videre", "Continue"),
    "key_answer": ("Svar", "Answer"),
    "key_unknown": ("Vet ikke", "Don't know"),
    "key_next": ("Neste", "Next"),
    "key_previous": ("Forrige", "Back"),
    "key_next_open": ("Neste ubesvarte", "Next unanswered"),
    "key_flag": ("Merk", "Flag"),
    "key_why": ("Hvorfor?", "Why?"),
    "key_review": ("Gjennomgå", "Review"),
    "key_sidebar": ("Områder", "Areas"),
    "key_close": ("Lukk", "Close"),
    "key_back": ("Tilbake", "Back"),
    "key_results": ("Se resultatet", "See the results"),
    "key_export": ("Eksporter", "Export"),
    "key_why_score": ("Hvorfor?", "Why?"),
    "key_edit": ("Endre svar", "Change answers"),
    # command palette
    "cmd_new": ("Ny vurdering", "New assessment"),
    "cmd_new_help": (
        "Start en ny sjekk for et team eller en sak",
        "Start a new check for a team or case",
    ),
    "cmd_saved": ("Lagrede vurderinger", "Saved assessments"),
    "cmd_saved_help": (
        "Se, fortsett eller åpne lagrede vurderinger",
        "See, continue or open saved assessments",
    ),
    "cmd_language": ("Bytt språk: English / norsk", "Switch language: English / norsk"),
    "cmd_language_help": (
        "Vis appen på engelsk eller norsk",
        "Show the app in English or Norwegian",
    ),
    "cmd_intro": ("Hva er samskaping?", "What is co-creation?"),
    "cmd_intro_help": (
        "Hva samskaping er og ikke er, og tynn og tykk samskaping",
        "What co-creation is and is not, and thin and thick co-creation",
    ),
    "cmd_about": ("Om rapporten", "About the report"),
    "cmd_about_help": (
        "Rapporten sjekken bygger på, og personvern",
        "The report the check rests on, and privacy",
    ),
    "cmd_help": ("Hjelp og taster", "Help and keys"),
    "cmd_help_help": ("Alle tastene, skjerm for skjerm", "Every key, screen by screen"),
    "cmd_theme": ("Lyst eller mørkt", "Light or dark"),
    "cmd_theme_help": (
        "Bytt mellom lyst og mørkt utseende (lyst passer ofte best på prosjektor)",
        "Switch between a light and a dark look (light often suits a projector)",
    ),
    "cmd_themes": ("Velg utseende", "Choose a theme"),
    "cmd_themes_help": (
        "Alle fargetemaene, lyse og mørke",
        "All the colour themes, light and dark",
    ),
    "cmd_quit": ("Avslutt", "Quit"),
    "cmd_quit_help": ("Avslutt appen; alt er lagret", "Quit the app; everything is saved"),
    "palette_placeholder": ("Søk etter det dere vil gjøre …", "Search for what you want to do …"),
    "theme_placeholder": ("Søk etter et fargetema …", "Search for a colour theme …"),
    "cmd_home": ("Til start", "To the start"),
    "cmd_home_help": (
        "Tilbake til startsiden; alt er lagret",
        "Back to the start screen; everything is saved",
    ),
    "cmd_review": ("Gjennomgå og fullfør", "Review and finish"),
    "cmd_review_help": (
        "Se hva som er ubesvart, «Vet ikke» eller merket, og se resultatet",
        "See what is unanswered, «Don't know» or flagged, and see the results",
    ),
    "cmd_next_open": ("Neste ubesvarte spørsmål", "Next unanswered question"),
    "cmd_next_open_help": (
        "Hopp til neste spørsmål uten svar",
        "Jump to the next question without an answer",
    ),
    "cmd_why": ("Hvorfor spør vi om dette?", "Why do we ask this?"),
    "cmd_why_help": (
        "Hva rapporten fant, med kapittel og sitat",
        "What the report found, with section and quote",
    ),
    "cmd_flag": ("Merk spørsmålet", "Flag the question"),
    "cmd_flag_help": (
        "Merk spørsmålet så dere kan komme tilbake til det",
        "Flag the question to come back to it",
    ),
    "cmd_sidebar": ("Vis eller skjul områdene", "Show or hide the areas"),
    "cmd_sidebar_help": (
        "Listen over områder, med hvor mye som er besvart",
        "The list of areas, with how much is answered",
    ),
    "cmd_results": ("Se resultatet", "See the results"),
    "cmd_results_help": ("Fullfør og se hva svarene betyr", "Finish and see what the answers mean"),
    "cmd_export": ("Eksporter til Markdown", "Export to Markdown"),
    "cmd_export_help": (
        "Lagre resultatet som en fil dere kan dele",
        "Save the results as a file you can share",
    ),
    "cmd_edit": ("Endre svar", "Change answers"),
    "cmd_edit_help": ("Tilbake til spørsmålene", "Back to the questions"),
    # start
    "app_name": ("Er vi klare for samskaping?", "Are we ready to co-create?"),
    "start_lead": (
        "En sjekk for dere som skal samskape med innbyggere. Dere svarer på spørsmål som bygger "
        "på forskningsrapporten «Samskapende velferdsinnovasjon» (USN/SESAM 2021), og får vite "
        "hva dere bør ha på plass før dere inviterer innbyggerne med.",
        "A check for teams who are going to co-create with citizens. You answer questions "
        "based on the research report «Samskapende velferdsinnovasjon» (USN/SESAM 2021), and "
        "learn what you should have in place before you invite citizens in.",
    ),
    "start_menu_title": ("Hva vil dere gjøre?", "What would you like to do?"),
    "start_new": ("Start en ny vurdering", "Start a new assessment"),
    "start_saved": ("Lagrede vurderinger", "Saved assessments"),
    "start_about": ("Om samskaping og rapporten", "About co-creation and the report"),
    "start_language": ("In English", "På norsk"),
    "start_continue_title": ("Fortsett der dere slapp", "Continue where you left off"),
    "start_no_unfinished": (
        "Ingen påbegynte vurderinger ennå. Velg «Start en ny vurdering».",
        "No unfinished assessments yet. Choose «Start a new assessment».",
    ),
    "start_continue_item": (
        "{phase} · {answered} av {total} besvart · endret {updated}",
        "{phase} · {answered} of {total} answered · changed {updated}",
    ),
    "start_continue_more": (
        "Flere påbegynte finner dere under «Lagrede vurderinger» …",
        "Find more unfinished ones under «Saved assessments» …",
    ),
    # new session form
    "meta_title": ("Ny vurdering", "New assessment"),
    "meta_lead": (
        "Fortell litt om hvem som svarer. Bare navnet må fylles ut; resten hjelper dere å "
        "finne igjen vurderingen og sammenligne senere.",
        "Tell us a little about who is answering. Only the name is required; the rest helps "
        "you find the assessment again and compare later.",
    ),
    "meta_team": ("Team eller sak *", "Team or case *"),
    "meta_team_placeholder": (
        "For eksempel «Flyktningtjenesten Larvik»",
        "For example «Refugee service Larvik»",
    ),
    "meta_team_required": (
        "Skriv navnet på teamet eller saken, så dere finner igjen vurderingen.",
        "Write the name of the team or case, so you can find the assessment again.",
    ),
    "meta_organisation": ("Organisasjon", "Organisation"),
    "meta_organisation_placeholder": ("Kommune, NAV-kontor …", "Municipality, NAV office …"),
    "meta_service_area": ("Tjenesteområde", "Service area"),
    "meta_service_area_placeholder": (
        "For eksempel «Rus og psykisk helse»",
        "For example «Mental health»",
    ),
    "meta_respondent": ("Hvem svarer", "Who is answering"),
    "meta_respondent_placeholder": (
        "Navn, hvis én person svarer alene",
        "Name, if one person answers alone",
    ),
    "meta_role": ("Rolle", "Role"),
    "meta_role_placeholder": (
        "For eksempel «leder» eller «veileder»",
        "For example «manager» or «adviser»",
    ),
    "meta_mode": ("Hvordan svarer dere?", "How are you answering?"),
    "meta_phase": ("Når tar dere sjekken?", "When are you taking the check?"),
    "meta_begin": ("Start", "Start"),
    "meta_cancel": ("Avbryt", "Cancel"),
    # intro: what samskaping is and is not, thin and thick
    "intro_title": ("Før dere begynner", "Before you begin"),
    "intro_what_heading": ("Hva er samskaping?", "What is co-creation (samskaping)?"),
    "intro_what_body": (
        "Forskerne bak rapporten fant at de ansatte i prosjektet lenge var usikre på hva "
        "samskaping egentlig er (3.3). Derfor starter vi her.\n\n"
        "Prosjektet kom fram til denne forståelsen: «Samskaping er en bestemt form for "
        "samarbeid mellom offentlige ansatte som tilbyr velferdstjenester og de som bruker slike "
        "tjenester, med det for øyet å utnytte alle parters aktiva; deres samlede ressurser for å "
        "utvikle empowerment og større effektivitet for en best mulig varig velferd for flest "
        "mulig.» (3.3)\n\n"
        "Med andre ord: dere lager ikke løsninger for innbyggerne, men sammen med dem. Dere leter "
        "sammen, som likeverdige, etter både hva problemet er og hva som kan løse det – uten å "
        "vite på forhånd hva dere ender opp med (1.1, 3.3).",
        "The researchers behind the report found that staff in the project were long unsure "
        "what co-creation really is (3.3). That is why we start here.\n\n"
        "The project arrived at this understanding: “Co-creation is a particular form of "
        "collaboration between public employees who provide welfare services and those who use "
        "such services, with the aim of drawing on the assets of all parties – their combined "
        "resources – to develop empowerment and greater effectiveness for the best possible "
        "lasting welfare for as many as possible.” (3.3, our translation)\n\n"
        "In other words: you do not make solutions for citizens, but with them. Together, as "
        "equals, you search for both what the problem is and what can solve it – without knowing "
        "in advance where you will end up (1.1, 3.3).",
    ),
    "intro_not_heading": ("Hva samskaping ikke er", "What co-creation is not"),
    "intro_not_body": (
        "• Ikke et nytt ord for brukermedvirkning. Høringer og andre tiltak som gir innbyggerne "
        "«en følelse av å ha noe å si», er ikke samskaping (4.1, 4.3).\n"
        "• Ikke et hvilket som helst samarbeid, men en spesiell form for samarbeid som krever "
        "spesiell kompetanse (4.3).\n"
        "• Ikke en oppskrift eller et verktøy. Det er et sett verdier – likeverd, at folk får "
        "mer makt over eget liv, og tjenester som treffer – som dere tilpasser der dere står "
        "(4.1, 4.2).\n"
        "• Ikke noe som bare kan besluttes. Det krever endringsvilje, tid og ledere som tåler å "
        "gi fra seg kontroll (Appendiks 1 – Forberedelsesfasen).",
        "• Not a new word for user involvement. Hearings and other measures that give citizens "
        "“a feeling of having a say” are not co-creation (4.1, 4.3).\n"
        "• Not just any collaboration, but a special form of collaboration that takes special "
        "skills (4.3).\n"
        "• Not a recipe or a tool. It is a set of values – equality, people gaining more power "
        "over their own lives, and services that hit the mark – that you adapt to where you "
        "stand (4.1, 4.2).\n"
        "• Not something that can simply be decided. It takes willingness to change, time, and "
        "leaders who can live with giving up control (Appendix 1 – preparation phase).",
    ),
    "intro_thin_thick_heading": ("Tynn og tykk samskaping", "Thin and thick co-creation"),
    "intro_thin_thick_body": (
        "Veilederen i rapporten ber dere bestemme dere før dere starter (Appendiks 1 – "
        "Forberedelsesfasen):\n"
        "• Tynn samskaping: innbyggerne er med i en avgrenset første fase, for eksempel i "
        "planleggingen.\n"
        "• Tykk samskaping: innbyggerne er med over tid, og er med på å lage og levere "
        "tjenestene – ikke bare på å planlegge dem.\n\n"
        "Begge deler kan være riktig. Det viktige er at ambisjonen passer med hvor godt "
        "forberedt dere er. Det får dere svar på til slutt.",
        "The guide in the report asks you to decide before you start (Appendix 1 – "
        "preparation phase):\n"
        "• Thin co-creation: citizens take part in a bounded first phase, for example in the "
        "planning.\n"
        "• Thick co-creation: citizens take part over time, and help produce and deliver the "
        "services – not only plan them.\n\n"
        "Either can be right. What matters is that your ambition matches how well prepared you "
        "are. You will get an answer to that at the end.",
    ),
    "intro_how_heading": ("Slik gjør dere sjekken", "How the check works"),
    "intro_how_body": (
        "Dere får ett spørsmål om gangen, samlet i områder. Velg svaret som ligner mest på "
        "situasjonen deres – med piltastene og Enter, med tallene eller med musa. Er dere "
        "usikre, velg «Vet ikke»: det teller ikke som null, men blir en liste over det dere bør "
        "finne ut av. Alt lagres med en gang, så dere kan ta pause når som helst og fortsette "
        "senere. Trykk ? for hjelp.",
        "You get one question at a time, grouped in areas. Choose the answer closest to your "
        "situation – with the arrow keys and Enter, with the numbers or with the mouse. If you "
        "are unsure, choose «Don't know»: it does not count as zero, but becomes a list of things "
        "to find out. Everything is saved at once, so you can take a break at any time and "
        "continue later. Press ? for help.",
    ),
    "intro_start": ("Start spørsmålene", "Start the questions"),
    # questions
    "q_position": (
        "{dimension} · spørsmål {number} av {count}",
        "{dimension} · question {number} of {count}",
    ),
    "q_flagged": ("merket for gjennomgang", "flagged for review"),
    "q_notes_title": ("Notat (Tab)", "Note (Tab)"),
    "q_notes_placeholder": (
        "Det dere vil huske (ikke navn på innbyggere)",
        "What you want to remember (no names of citizens)",
    ),
    "q_sidebar_title": ("Områder", "Areas"),
    "q_progress": ("Besvart {answered} av {total}", "Answered {answered} of {total}"),
    "q_previous": ("← Forrige", "← Back"),
    "q_next": ("Neste →", "Next →"),
    "q_why": ("Hvorfor spør vi?", "Why do we ask?"),
    "q_review": ("Gjennomgå", "Review"),
    "q_all_answered": (
        "Alle spørsmålene er besvart. Trykk r for å gå gjennom og se resultatet.",
        "Every question is answered. Press r to review and see the results.",
    ),
    # why we ask
    "why_ask_title": ("Hvorfor spør vi om dette?", "Why do we ask this?"),
    "why_ask_lessons": ("Dette bygger på", "This rests on"),
    # review
    "review_title": ("Gjennomgå før dere fullfører", "Review before you finish"),
    "review_summary": (
        "Besvart {answered} av {total}. Ubesvart: {open}. Vet ikke: {unknown}. Merket: {flagged}.",
        "Answered {answered} of {total}. Unanswered: {open}. Don't know: {unknown}. "
        "Flagged: {flagged}.",
    ),
    "review_all_clear": (
        "Alt er besvart, og ingenting er merket.",
        "Everything is answered, and nothing is flagged.",
    ),
    "review_open": ("Ikke besvart", "Not answered"),
    "review_unknown": ("Vet ikke", "Don't know"),
    "review_flagged": ("Merket for gjennomgang", "Flagged for review"),
    "review_removed": (
        "Svar på spørsmål som er tatt bort (tatt vare på, teller ikke med)",
        "Answers to questions that were removed (kept, not counted)",
    ),
    "review_finish": ("Se resultatet", "See the results"),
    "review_back": ("Tilbake til spørsmålene", "Back to the questions"),
    "review_confirm_title": ("Noen spørsmål er ikke besvart", "Some questions are not answered"),
    "review_confirm_body": (
        "{open} spørsmål er ikke besvart. Resultatet blir mindre sikkert, men dere kan gå "
        "tilbake og svare senere. Vil dere se resultatet nå?",
        "{open} questions are not answered. The results will be less certain, but you can go "
        "back and answer later. Do you want to see the results now?",
    ),
    "review_confirm_yes": ("Ja, se resultatet", "Yes, see the results"),
    "review_confirm_no": ("Nei, svar først", "No, answer first"),
    # results
    "results_figures": (
        "Samlet: {overall} · Besvart: {coverage} %",
        "Overall: {overall} · Answered: {coverage} %",
    ),
    "results_scores_title": ("Områdene", "The areas"),
    "results_scores_hint": (
        "Velg et område (Enter eller klikk) for å se hvorfor det fikk den poengsummen.",
        "Choose an area (Enter or click) to see why it got its score.",
    ),
    "results_counts": ("{answered} av {total} besvart", "{answered} of {total} answered"),
    "results_show_all": ("Vis alle {count} rådene", "Show all {count} pieces of advice"),
    "results_export": ("Eksporter til Markdown", "Export to Markdown"),
    "results_edit": ("Endre svar", "Change answers"),
    "results_close": ("Lukk", "Close"),
    "results_exported": ("Lagret som {path}", "Saved as {path}"),
    "results_export_failed": ("Kunne ikke eksportere: {reason}", "Could not export: {reason}"),
    # why this score
    "why_score_title": ("Hvorfor denne poengsummen?", "Why this score?"),
    "why_score_explained": (
        "Svarene som trakk ned mest, står først. Hvert svar viser poengene det kostet, og "
        "lærdommen fra rapporten som forklarer hvorfor.",
        "The answers that pulled the score down most come first. Each shows the points it cost, "
        "and the lesson from the report that says why.",
    ),
    "why_score_answer": ("Dere svarte", "You answered"),
    "why_score_points": (
        "Kostet {lost} av områdets 100 poeng",
        "Cost {lost} of the area's 100 points",
    ),
    "why_score_missing": ("Teller ikke med ennå", "Not counted yet"),
    # export
    "export_title": ("Eksporter til Markdown", "Export to Markdown"),
    "export_body": (
        "Notatene kan inneholde opplysninger om innbyggere som er underlagt taushetsplikt. "
        "Skal de være med i filen?",
        "The notes may hold information about citizens that is confidential. Should they be "
        "in the file?",
    ),
    "export_without_notes": ("Uten notater", "Without notes"),
    "export_with_notes": ("Med notater", "With notes"),
    "export_cancel": ("Avbryt", "Cancel"),
    # saved
    "saved_title": ("Lagrede vurderinger", "Saved assessments"),
    "saved_lead": (
        "Velg en vurdering og trykk Enter (eller dobbeltklikk) for å fortsette den, eller for å "
        "se resultatet hvis den er ferdig.",
        "Choose an assessment and press Enter (or double-click) to continue it, or to see the "
        "results if it is finished.",
    ),
    "saved_team": ("Team eller sak", "Team or case"),
    "saved_phase": ("Tidspunkt", "When"),
    "saved_status": ("Status", "Status"),
    "saved_phase_before_inviting": ("Før invitasjon", "Before inviting"),
    "saved_phase_after_first_meeting": ("Etter første møte", "After 1st meeting"),
    "saved_phase_evaluation": ("Evaluering", "Evaluation"),
    "saved_updated": ("Sist endret", "Last changed"),
    "saved_empty": ("Ingen lagrede vurderinger ennå.", "No saved assessments yet."),
    "saved_unreadable": (
        "Disse filene kunne ikke leses. De er latt være som de er:",
        "These files could not be read. They are left as they are:",
    ),
    "saved_open": ("Åpne", "Open"),
    "saved_back": ("Tilbake", "Back"),
    # about
    "about_title": ("Om samskaping og rapporten", "About co-creation and the report"),
    "about_report_heading": ("Rapporten", "The report"),
    "about_report_body": (
        "Sjekken bygger på sluttrapporten «Samskapende velferdsinnovasjon» fra Universitetet i "
        "Sørøst-Norge (USN) og SESAM, mars 2021. Prosjektleder var Lars U. Kobro. Forskerne "
        "fulgte fire saker i tre kommuner – Larvik, Horten og Holmestrand – i 18 måneder, med "
        "støtte fra daværende Fylkesmannen i Vestfold og Telemark. Hvert spørsmål og hvert råd "
        "viser til kapitlet i rapporten det bygger på.",
        "The check rests on the final report «Samskapende velferdsinnovasjon» (co-creating "
        "welfare innovation) from the University of South-Eastern Norway (USN) and SESAM, March "
        "2021. The project leader was Lars U. Kobro. The researchers followed four cases in three "
        "municipalities – Larvik, Horten and Holmestrand – for 18 months, supported by the then "
        "County Governor of Vestfold and Telemark. Every question and every piece of advice names "
        "the section of the report it rests on.",
    ),
    "about_source_heading": ("Kilde", "Source"),
    "about_bank": (
        "Spørsmålsbank: {id}, versjon {version}",
        "Question bank: {id}, version {version}",
    ),
    "about_definition_heading": ("Hva betyr samskaping?", "What does co-creation mean?"),
    "about_definition_body": (
        "«Samskaping er en bestemt form for samarbeid mellom offentlige ansatte som tilbyr "
        "velferdstjenester og de som bruker slike tjenester, med det for øyet å utnytte alle "
        "parters aktiva; deres samlede ressurser for å utvikle empowerment og større effektivitet "
        "for en best mulig varig velferd for flest mulig.» (3.3)\n\n"
        "Samskaping er ikke et nytt ord for brukermedvirkning (4.1), og ikke et hvilket som helst "
        "samarbeid, men en spesiell form for samarbeid som krever spesiell kompetanse (4.3).",
        "“Co-creation is a particular form of collaboration between public employees who "
        "provide welfare services and those who use such services, with the aim of drawing on "
        "the assets of all parties – their combined resources – to develop empowerment and "
        "greater effectiveness for the best possible lasting welfare for as many as possible.” "
        "(3.3, our translation)\n\n"
        "Co-creation is not a new word for user involvement (4.1), and not just any "
        "collaboration, but a special form of collaboration that takes special skills (4.3).",
    ),
    "about_lessons_heading": ("Det viktigste rapporten lærte", "The report's sharpest lessons"),
    "about_lessons_body": (
        "Det som går galt, går ofte galt før innbyggerne kommer. Horten startet fort, uten "
        "forankring internt og med uforberedte innbyggere, og måtte snu (3.7). Holmestrand tok "
        "pause etter en omorganisering som flyttet nøkkelpersoner (1.2). Ansatte visste ikke hva "
        "samskaping var, og tok det for vanlig brukermedvirkning (3.3, 4.3). Ledere sa ja uten å "
        "godta at de måtte gi fra seg kontroll (Appendiks 1). Larviks to saker, der de tok seg "
        "tid til å snakke seg sammen, kom fram til gjennomføring.",
        "What goes wrong often goes wrong before citizens arrive. Horten started fast, without "
        "internal anchoring and with unprepared citizens, and had to turn back (3.7). Holmestrand "
        "paused after a reorganisation moved key people (1.2). Staff did not know what "
        "co-creation was, and took it for ordinary user involvement (3.3, 4.3). Leaders said yes "
        "without accepting that they would have to give up control (Appendix 1). Larvik's two "
        "cases, which took time to talk themselves together, reached implementation.",
    ),
    "about_tools_heading": ("Vil dere måle?", "Want to measure?"),
    "about_tools_body": (
        "Rapporten nevner to verktøy: Samson for å følge prosessen, og So-Impact for å måle "
        "virkningene (Appendiks 2).",
        "The report names two tools: Samson to follow the process, and So-Impact to measure the "
        "effects (Appendix 2).",
    ),
    "about_privacy_heading": ("Personvern", "Privacy"),
    "about_privacy_body": (
        "Alt dere skriver, blir på denne maskinen. Appen bruker ikke nettet. Vurderingene "
        "ligger i {path}, og bare du kan lese dem. Notater kan inneholde opplysninger som er "
        "underlagt taushetsplikt: skriv ikke navn på innbyggere, og velg selv om notatene skal "
        "være med når dere eksporterer.",
        "Everything you write stays on this machine. The app does not use the network. The "
        "assessments are kept in {path}, readable only by you. Notes may hold confidential "
        "information: do not write citizens' names, and choose whether the notes go into an "
        "export.",
    ),
    # help
    "help_title": ("Hjelp", "Help"),
    "help_intro": (
        "Alt dere svarer og skriver, lagres med en gang. Dere kan avslutte når som helst og "
        "fortsette senere fra startsiden.",
        "Everything you answer and write is saved at once. You can quit at any time and "
        "continue later from the start screen.",
    ),
    "help_everywhere": ("Overalt", "Everywhere"),
    "help_key_help": ("Denne hjelpen", "This help"),
    "help_key_palette": (
        "Kommandoer: søk etter det dere vil gjøre",
        "Commands: search for what you want to do",
    ),
    "help_key_theme": ("Lyst eller mørkt utseende", "Light or dark look"),
    "help_key_tab": ("Gå til neste eller forrige felt", "Go to the next or previous field"),
    "help_key_quit": ("Avslutt (alt er lagret)", "Quit (everything is saved)"),
    "help_questions": ("Spørsmålene", "The questions"),
    "help_key_choose": ("Velg et svar", "Choose an answer"),
    "help_key_digits": ("Velg svaret med det nummeret", "Choose the answer with that number"),
    "help_key_unknown": ("Vet ikke", "Don't know"),
    "help_key_next": ("Neste spørsmål", "Next question"),
    "help_key_previous": ("Forrige spørsmål", "Previous question"),
    "help_key_next_open": ("Neste spørsmål uten svar", "Next question without an answer"),
    "help_key_flag": ("Merk spørsmålet for gjennomgang", "Flag the question for review"),
    "help_key_why": (
        "Hvorfor vi spør, med kapittel i rapporten",
        "Why we ask, with the report's section",
    ),
    "help_key_notes": (
        "Skriv et notat (Esc går tilbake til svarene)",
        "Write a note (Esc goes back to the answers)",
    ),
    "help_key_sidebar": ("Vis eller skjul områdene", "Show or hide the areas"),
    "help_key_review": ("Gjennomgå og se resultatet", "Review and see the results"),
    "help_key_close_questions": (
        "Lukk spørsmålene (alt er lagret)",
        "Close the questions (everything is saved)",
    ),
    "help_results": ("Resultatet", "The results"),
    "help_key_why_score": ("Hvorfor området fikk den poengsummen", "Why the area got its score"),
    "help_key_export": ("Eksporter til Markdown", "Export to Markdown"),
    "help_key_edit": (
        "Tilbake til spørsmålene for å endre svar",
        "Back to the questions to change answers",
    ),
    "help_mouse": ("Med musa", "With the mouse"),
    "help_mouse_body": (
        "Klikk på et svar for å velge det, på et område for å gå dit, og på knappene for "
        "resten. Tastene nederst på skjermen kan også klikkes.",
        "Click an answer to choose it, an area to go there, and the buttons for the rest. The "
        "keys at the bottom of the screen can be clicked too.",
    ),
    # Markdown export
    "md_updated": ("Sist endret", "Last changed"),
    "report_ref": ("rapporten, {section}", "the report, {section}"),
    "md_notes_left_out": (
        "Notatene er utelatt fra denne filen, fordi de kan inneholde opplysninger som er "
        "underlagt taushetsplikt.",
        "The notes are left out of this file, because they may hold confidential information.",
    ),
    "md_removed_question": (
        "finnes ikke lenger i spørsmålsbanken",
        "no longer in the question bank",
    ),
    "md_source": ("Kilde", "Source"),
    "md_bank": ("Spørsmålsbank", "Question bank"),
    "meta_mode_team": ("Teamet svarer sammen", "The team answers together"),
    "meta_mode_individual": ("Én person svarer alene", "One person answers alone"),
    # --- the action plan («tiltak»): results, plan screen, next round, exports, `cocreate plan`
    "plan_title": ("Tiltaksplan", "Action plan"),
    "plan_summary": (
        "{total} tiltak: {open} åpne, {overdue} forfalt, {done} gjort, {dropped} droppet",
        "{total} actions: {open} open, {overdue} overdue, {done} done, {dropped} dropped",
    ),
    "plan_empty": (
        "Ingen tiltak ennå. Velg et råd på resultatsiden og trykk t for å gjøre det til et "
        "tiltak, eller trykk a her for å skrive et eget.",
        "No actions yet. Choose a piece of advice on the results and press t to turn it into "
        "an action, or press a here to write one of your own.",
    ),
    "action_text": ("Tiltak", "Action"),
    "action_owner": ("Ansvarlig", "Owner"),
    "action_due": ("Frist", "Due"),
    "action_status": ("Status", "Status"),
    "action_status_not_started": ("Ikke startet", "Not started"),
    "action_status_under_way": ("I gang", "Under way"),
    "action_status_done": ("Gjort", "Done"),
    "action_status_dropped": ("Droppet", "Dropped"),
    "action_overdue": ("Forfalt", "Overdue"),
    "action_status_overdue": ("{status} – forfalt", "{status} – overdue"),
    "action_dropped_reason": ("Hvorfor droppet", "Why dropped"),
    "action_lesson": ("Råd", "Advice"),
    "action_own": ("Teamets eget tiltak", "The team's own action"),
    "action_questions": ("Svar det skal gjøre bedre", "Answers it should improve"),
    "action_no_due": ("ingen frist", "no deadline"),
    "action_no_owner": ("ingen ansvarlig ennå", "no owner yet"),
    "action_carried": ("fra forrige runde", "from the previous round"),
    "action_id": ("Tiltak-id", "Action id"),
    "action_created": ("Laget", "Made"),
    "word_yes": ("ja", "yes"),
    "word_no": ("nei", "no"),
    "action_progress_heading": ("Tiltak og framgang", "Actions and progress"),
    "action_progress_intro": (
        "Tiltakene fra den første av de to øktene, og om svarene de skulle gjøre bedre, ble bedre.",
        "The actions of the earlier of the two sessions, and whether the answers they were "
        "meant to improve got better.",
    ),
    "action_no_questions": (
        "Tiltaket er ikke knyttet til noe spørsmål.",
        "The action is not tied to any question.",
    ),
    "action_progress_none": (
        "Den første av de to øktene hadde ingen tiltak.",
        "The earlier of the two sessions had no actions.",
    ),
    "action_answers": ("Svarene", "The answers"),
    "action_outcome": ("Ble det bedre?", "Did it improve?"),
    "action_outcome_all": ("Ja, alle svarene ble bedre", "Yes, all the answers improved"),
    "action_outcome_some": ("Noen av svarene ble bedre", "Some of the answers improved"),
    "action_outcome_none": ("Nei, svarene ble ikke bedre", "No, the answers did not improve"),
    "action_outcome_unknown": ("Kan ikke si", "Cannot tell"),
    "action_change_better": ("bedre", "better"),
    "action_change_same": ("uendret", "unchanged"),
    "action_change_worse": ("dårligere", "worse"),
    "action_change_unknown": ("kan ikke sammenlignes", "cannot be compared"),
    "key_make_action": ("Tiltak", "Make action"),
    "key_plan": ("Plan", "Plan"),
    "key_next_round": ("Neste runde", "Next round"),
    "key_edit_action": ("Endre", "Edit"),
    "key_done": ("Gjort", "Done"),
    "key_drop": ("Dropp", "Drop"),
    "key_new_action": ("Nytt", "New"),
    "key_sort_due": ("Frist", "Due"),
    "key_sort_status": ("Status", "Status"),
    "key_delete": ("Slett", "Delete"),
    "key_save": ("Lagre", "Save"),
    "cmd_make_action": ("Lag tiltak av rådet", "Make an action of the advice"),
    "cmd_make_action_help": (
        "Gjør det valgte rådet til et tiltak med ansvarlig og frist",
        "Turn the chosen advice into an action with an owner and a due date",
    ),
    "cmd_plan": ("Tiltaksplan", "Action plan"),
    "cmd_plan_help": (
        "Alle tiltakene, hvem som har ansvaret og når de skal være gjort",
        "Every action, who is responsible and when it is due",
    ),
    "cmd_next_round": ("Neste runde", "Next round"),
    "cmd_next_round_help": (
        "Ta sjekken på nytt, med de åpne tiltakene fra denne runden",
        "Take the check again, with this round's open actions",
    ),
    "results_make_action": ("Lag tiltak", "Make an action"),
    "results_plan": ("Tiltaksplan", "Action plan"),
    "results_action_hint": (
        "Gjør rådene til tiltak: velg et råd (Tab eller klikk) og trykk t.",
        "Turn the advice into actions: choose one (Tab or click) and press t.",
    ),
    "results_no_advice": (
        "Det er ingen råd å lage tiltak av. Dere kan skrive egne tiltak i tiltaksplanen (p).",
        "There is no advice to make actions of. You can write your own in the action plan (p).",
    ),
    "action_saved": ("Tiltaket er lagret.", "The action is saved."),
    "action_form_new": ("Nytt tiltak", "New action"),
    "action_form_edit": ("Endre tiltak", "Edit action"),
    "action_form_lesson": (
        "Fra rådet «{title}» ({section})",
        "From the advice «{title}» ({section})",
    ),
    "action_form_text": ("Hva gjør dere?", "What will you do?"),
    "action_form_owner": ("Ansvarlig", "Owner"),
    "action_form_owner_placeholder": (
        "Hvem sørger for at det blir gjort",
        "Who makes sure it gets done",
    ),
    "action_form_due": ("Frist", "Due"),
    "action_form_due_placeholder": ("ÅÅÅÅ-MM-DD, eller tomt", "YYYY-MM-DD, or empty"),
    "action_form_due_invalid": (
        "Skriv fristen som ÅÅÅÅ-MM-DD, for eksempel {example}, eller la feltet stå tomt.",
        "Write the due date as YYYY-MM-DD, for example {example}, or leave it empty.",
    ),
    "action_form_status": ("Status", "Status"),
    "action_form_reason": ("Hvorfor droppes det?", "Why drop it?"),
    "action_form_reason_placeholder": (
        "Kort om hvorfor, så dere husker det neste runde",
        "Briefly why, so you remember next round",
    ),
    "action_form_reason_required": (
        "Skriv kort hvorfor tiltaket droppes.",
        "Write briefly why the action is dropped.",
    ),
    "action_form_text_required": ("Skriv hva dere skal gjøre.", "Write what you will do."),
    "action_form_text_too_long": (
        "Skriv litt kortere: høyst {max} tegn.",
        "Please write a little less: at most {max} characters.",
    ),
    "action_form_privacy": (
        "Tiltaksplanen er med når dere eksporterer. Skriv ikke navn på innbyggere.",
        "The action plan goes into exports. Do not write citizens' names.",
    ),
    "action_form_save": ("Lagre", "Save"),
    "action_form_cancel": ("Avbryt", "Cancel"),
    "plan_screen_title": ("Tiltaksplan: {team}", "Action plan: {team}"),
    "plan_lead": (
        "Det dere har bestemt dere for å gjøre – hvem som har ansvaret, og når det skal være "
        "gjort. Alt lagres med en gang.",
        "What you have decided to do – who is responsible, and when it is due. Everything is "
        "saved at once.",
    ),
    "plan_sorted_due": (
        "Sortert etter frist, gjort og droppet sist (f). Sorter etter status: s.",
        "Sorted by due date, done and dropped last (f). Sort by status: s.",
    ),
    "plan_sorted_status": (
        "Sortert etter status (s). Sorter etter frist: f.",
        "Sorted by status (s). Sort by due date: f.",
    ),
    "plan_col_progress": ("Svarene siden sist", "Answers since last"),
    "plan_edit": ("Endre", "Edit"),
    "plan_done": ("Gjort", "Done"),
    "plan_drop": ("Dropp", "Drop"),
    "plan_new": ("Nytt tiltak", "New action"),
    "plan_next_round": ("Neste runde", "Next round"),
    "plan_back": ("Tilbake", "Back"),
    "plan_choose_first": ("Velg et tiltak først.", "Choose an action first."),
    "plan_delete_title": ("Slette tiltaket?", "Delete the action?"),
    "plan_delete_body": (
        "«{text}» blir borte fra planen. Vil dere heller droppe det (x), så dere husker hvorfor?",
        "«{text}» will be gone from the plan. Would you rather drop it (x), so you remember why?",
    ),
    "plan_delete_yes": ("Ja, slett", "Yes, delete"),
    "plan_delete_no": ("Nei", "No"),
    "next_round_title": ("Neste runde", "Next round"),
    "next_round_body": (
        "En ny vurdering for {team}. Dere svarer på spørsmålene på nytt, og de {open} åpne "
        "tiltakene blir med. Tiltak som er gjort eller droppet, blir stående i denne runden, så "
        "dere kan sammenligne rundene etterpå.",
        "A new assessment for {team}. You answer the questions again, and the {open} open "
        "actions come along. Actions that are done or dropped stay in this round, so you can "
        "compare the rounds afterwards.",
    ),
    "next_round_phase": ("Når tar dere sjekken nå?", "When are you taking the check now?"),
    "next_round_start": ("Start neste runde", "Start the next round"),
    "next_round_cancel": ("Avbryt", "Cancel"),
    "next_round_started": (
        "Neste runde er startet. {count} tiltak ble med fra forrige runde.",
        "The next round has started. {count} actions came along from the previous round.",
    ),
    "saved_actions": ("Tiltak", "Actions"),
    "saved_actions_counts": ("{open} åpne, {overdue} forfalt", "{open} open, {overdue} overdue"),
    "help_plan": ("Tiltak og tiltaksplanen", "Actions and the action plan"),
    "help_saved": ("Lagrede vurderinger", "Saved assessments"),
    "help_key_saved_open": (
        "Åpne: en påbegynt fortsetter, en ferdig vises uten å kunne endres",
        "Open: an unfinished one continues, a finished one is shown read-only",
    ),
    "help_key_saved_filter": (
        "Filtrer mens dere skriver (team, organisasjon, tjeneste, person, status)",
        "Filter as you type (team, organisation, service, person, status)",
    ),
    "help_key_saved_sort": (
        "Sorter etter neste kolonne / snu rekkefølgen (eller klikk på en kolonne)",
        "Sort by the next column / reverse the order (or click a column)",
    ),
    "help_key_saved_select": ("Velg flere vurderinger", "Choose several assessments"),
    "help_key_saved_compare": (
        "Sammenlign de valgte: hva har endret seg over tid",
        "Compare the chosen ones: what has changed over time",
    ),
    "help_key_saved_merge": (
        "Slå sammen teamets individuelle svar og se hvor dere er uenige",
        "Merge the team's individual answers and see where you disagree",
    ),
    "help_key_saved_delete": (
        "Flytt til papirkurven (kan gjenopprettes)",
        "Move to the trash (can be restored)",
    ),
    "help_key_saved_trash": ("Papirkurven: gjenopprett med r", "The trash: restore with r"),
    "help_key_saved_export": (
        "Eksporter de valgte til et regneark (CSV)",
        "Export the chosen ones to a spreadsheet (CSV)",
    ),
    "help_key_make_action": (
        "Gjør det valgte rådet til et tiltak (på resultatsiden)",
        "Turn the chosen advice into an action (on the results)",
    ),
    "help_key_plan": (
        "Åpne tiltaksplanen (på resultatsiden og i lagrede vurderinger)",
        "Open the action plan (on the results and in saved assessments)",
    ),
    "help_key_edit_action": ("Endre tiltaket", "Edit the action"),
    "help_key_done": ("Merk tiltaket som gjort", "Mark the action done"),
    "help_key_drop": ("Dropp tiltaket, med en grunn", "Drop the action, with a reason"),
    "help_key_new_action": ("Skriv et eget tiltak", "Write an action of your own"),
    "help_key_sort": ("Sorter etter frist eller status", "Sort by due date or status"),
    "help_key_delete": ("Slett tiltaket", "Delete the action"),
    "help_key_next_round": (
        "Neste runde: ta sjekken på nytt med de åpne tiltakene",
        "Next round: take the check again with the open actions",
    ),
    # --- facilitator review: saved table, trash, review, compare, merge ----------------------
    "saved_filter_placeholder": (
        "Skriv for å filtrere: team, organisasjon, tjeneste, person, status …",
        "Type to filter: team, organisation, service, person, status …",
    ),
    "saved_no_match": ("Ingen vurderinger passer filteret.", "No assessments match the filter."),
    "saved_answered": ("Svart", "Answered"),
    "saved_mode_team": ("Sammen", "Together"),
    "saved_mode_individual": ("Alene", "Alone"),
    "saved_window": ("Viser {first}–{last} av {total}", "Showing {first}–{last} of {total}"),
    "saved_window_none": ("Viser 0 av {total}", "Showing 0 of {total}"),
    "saved_selected": ("{count} valgt (✓)", "{count} chosen (✓)"),
    "saved_unreadable_count": ("Uleselige filer: {count}", "Unreadable files: {count}"),
    "saved_unreadable_more": (
        "… og {count} til (cocreate list viser alle)",
        "… and {count} more (cocreate list shows them all)",
    ),
    "saved_choose_two": (
        "Velg minst to vurderinger med mellomrom først.",
        "Choose at least two assessments with space first.",
    ),
    "saved_delete_title": ("Legge i papirkurven?", "Move to the trash?"),
    "saved_delete_body": (
        "{count} vurdering(er) flyttes til papirkurven: {teams}.\n"
        "Dere kan hente dem tilbake derfra (t).",
        "{count} assessment(s) will be moved to the trash: {teams}.\n"
        "You can restore them from there (t).",
    ),
    "saved_delete_yes": ("Legg i papirkurven", "Move to the trash"),
    "saved_deleted": ("{count} lagt i papirkurven.", "{count} moved to the trash."),
    "saved_open_elsewhere": (
        "«{team}» er åpen i et annet vindu (på {host}, siden {since}), og ble ikke lagt i "
        "papirkurven. Lukk den der først.",
        "«{team}» is open in another window (on {host}, since {since}), so it was not moved "
        "to the trash. Close it there first.",
    ),
    "saved_trash_title": ("Papirkurven", "Trash"),
    "saved_trash_lead": (
        "Slettede vurderinger ligger her til dere henter dem tilbake. Enter eller r gjenoppretter.",
        "Deleted assessments stay here until you restore them. Enter or r restores.",
    ),
    "saved_trash_id": ("Id", "Id"),
    "saved_trash_unreadable": ("Kan ikke leses: {reason}", "Cannot be read: {reason}"),
    "saved_trash_empty": ("Papirkurven er tom.", "The trash is empty."),
    "saved_restore_failed": ("Kunne ikke gjenopprette", "Could not restore"),
    "saved_restored": ("{team} er hentet tilbake.", "{team} is restored."),
    "key_filter": ("Filtrer", "Filter"),
    "key_first": ("Første", "First"),
    "key_last": ("Siste", "Last"),
    "key_sort": ("Sorter", "Sort"),
    "key_reverse": ("Snu rekkefølgen", "Reverse order"),
    "key_select": ("Velg", "Choose"),
    "key_compare": ("Sammenlign", "Compare"),
    "key_merge": ("Slå sammen", "Merge"),
    "key_trash": ("Papirkurv", "Trash"),
    "key_restore": ("Gjenopprett", "Restore"),
    "key_save_merged": ("Lagre som vurdering", "Save as assessment"),
    "cmd_saved_compare": ("Sammenlign valgte vurderinger", "Compare chosen assessments"),
    "cmd_saved_compare_help": (
        "Se hva som har endret seg fra gang til gang",
        "See what changed from one time to the next",
    ),
    "cmd_saved_merge": ("Slå sammen valgte svar", "Merge chosen answers"),
    "cmd_saved_merge_help": (
        "Se hvor teammedlemmene svarer ulikt",
        "See where team members answer differently",
    ),
    "cmd_saved_delete": ("Legg valgte i papirkurven", "Move chosen to the trash"),
    "cmd_saved_delete_help": ("Kan hentes tilbake senere", "Can be restored later"),
    "cmd_saved_trash": ("Åpne papirkurven", "Open the trash"),
    "cmd_saved_trash_help": ("Hent tilbake slettede vurderinger", "Restore deleted assessments"),
    "cmd_saved_export": ("Eksporter valgte (CSV)", "Export chosen (CSV)"),
    "cmd_saved_export_help": ("Til eksportmappen", "To the exports folder"),
    "cmd_saved_sort": ("Sorter etter neste kolonne", "Sort by the next column"),
    "cmd_saved_sort_help": ("Shift+S snur rekkefølgen", "Shift+S reverses the order"),
    "cmd_save_merged": ("Lagre sammenslåingen som vurdering", "Save the merge as an assessment"),
    "cmd_save_merged_help": (
        "Følg teamet videre fra de samlede svarene",
        "Follow the team on from the merged answers",
    ),
    "fac_review_title": ("Gjennomgang (kun lesing)", "Review (read-only)"),
    "fac_compare_title": ("Sammenligning", "Comparison"),
    "fac_merge_title": ("Teamets svar slått sammen", "The team's answers merged"),
    "fac_exported": ("Eksportert til {folder}: {names}", "Exported to {folder}: {names}"),
    "fac_all_answers": ("Alle svar, med notat og flagg", "Every answer, with note and flag"),
    "fac_flagged": ("flagget", "flagged"),
    "fac_note": ("Notat", "Note"),
    "fac_merge_name_title": ("Slå sammen svar", "Merge answers"),
    "fac_merge_name_body": (
        "{count} vurderinger slås sammen. Hva heter teamet?",
        "{count} assessments will be merged. What is the team called?",
    ),
    "fac_merge_go": ("Slå sammen", "Merge"),
    "fac_merge_name_missing": ("Skriv navnet på teamet.", "Write the team's name."),
    # --- the team round («Stå samlet») ---
    "round_title": ("Teamrunde", "Team round"),
    "round_code": ("Kode", "Code"),
    "round_state_answering": ("Medlemmene svarer hver for seg", "Members are answering alone"),
    "round_state_revealed": ("Svarene er vist", "The answers are revealed"),
    "round_state_agreed": ("Teamet er enige", "The team has agreed"),
    "round_members": ("Medlemmer", "Members"),
    "round_member": ("Medlem", "Member"),
    "round_progress": ("Besvart", "Answered"),
    "round_done": ("ferdig", "done"),
    "round_no_members": (
        "Ingen har blitt med ennå. Gi teamet koden {code}.",
        "No one has joined yet. Give the team the code {code}.",
    ),
    "round_hidden_note": (
        "Svarene holdes skjult til dere viser dem, så ingen stemme setter de andre.",
        "The answers stay hidden until you reveal them, so no one voice sets the rest.",
    ),
    "round_agreement": ("Enighet", "Agreement"),
    "round_agreement_strong": ("enige", "agree"),
    "round_agreement_moderate": ("delvis enige", "partly agree"),
    "round_agreement_weak": ("uenige", "disagree"),
    "round_agreement_none": ("for få svar", "too few answers"),
    "round_behind": ("{count} svar", "{count} answers"),
    "round_spread_heading": ("Svarene spørsmål for spørsmål", "The answers question by question"),
    "round_talk_first": (
        "Snakk først om det som er øverst: spørsmål der noen har svart noe som må på plass "
        "først, deretter der dere er minst enige.",
        "Talk first about what is at the top: questions where someone gave an answer that must "
        "be in place first, then where you agree least.",
    ),
    "round_areas_heading": ("Enighet per område", "Agreement per area"),
    "round_split_heading": ("Her er dere ikke enige ennå", "Where you do not agree yet"),
    "round_split_why": (
        "Dette må dere snakke mer om før dere inviterer innbyggere.",
        "You need to talk more about this before you invite citizens.",
    ),
    "round_no_split": ("Dere er enige om alle spørsmålene.", "You agree on every question."),
    "round_agreed_answer": ("Enige om", "Agreed"),
    "round_why": ("Hvorfor", "Why"),
    "round_not_agreed": ("Ikke avtalt ennå", "Not agreed yet"),
    "round_revoting": (
        "Stemmes over på nytt: venter på {count}",
        "Being voted on again: waiting for {count}",
    ),
    "round_revotes": ("stemt over {count} ganger før", "voted on {count} times before"),
    "round_blocker_mark": ("Må på plass først", "Must be in place first"),
    "round_result_heading": ("Teamets samlede vurdering", "The team's verdict"),
    "round_session_saved": ("Lagret som teamvurdering {id}.", "Saved as team assessment {id}."),
    "round_reveal": ("Vis svarene", "Reveal the answers"),
    "round_reveal_early": (
        "{done} av {count} er ferdige. Vis svarene likevel?",
        "{done} of {count} are done. Reveal the answers anyway?",
    ),
    "round_names_shown": ("Navn vises", "Names shown"),
    "round_names_hidden": ("Navn skjules", "Names hidden"),
    "round_agree_all": ("Enige om alle som er like", "Agree every unanimous one"),
    "round_agreed_unanimous": (
        "{count} spørsmål der alle svarte likt er avtalt.",
        "{count} questions where everyone answered alike are agreed.",
    ),
    "round_revote_asked": (
        "Medlemmene får spørsmålet igjen når de åpner runden.",
        "Members get the question again when they open the round.",
    ),
    "round_why_title": ("Hvorfor valgte dere dette?", "Why did you choose this?"),
    "round_why_body": (
        "Skriv gjerne en setning om hvorfor (kan stå tomt).",
        "Write a sentence on why, if you like (may be left empty).",
    ),
    "round_finish": ("Se resultatet", "See the result"),
    "round_finish_early": (
        "{count} spørsmål har ikke et felles svar ennå, og regnes som ubesvart. "
        "Se resultatet likevel?",
        "{count} questions have no agreed answer yet, and count as unanswered. "
        "See the result anyway?",
    ),
    "round_agreed_count": ("Avtalt: {count} av {total}", "Agreed: {count} of {total}"),
    "round_join": ("Bli med i en teamrunde", "Join a team round"),
    "round_lead": ("Led en teamrunde", "Lead a team round"),
    "round_join_body": (
        "Skriv koden dere fikk og navnet ditt. Du ser bare dine egne svar til svarene vises.",
        "Write the code you were given and your name. You see only your own answers until "
        "the answers are revealed.",
    ),
    "round_lead_body": (
        "Skriv navnet på teamet for å starte en ny runde, eller koden til en runde dere har "
        "startet.",
        "Write the team's name to start a new round, or the code of a round you started.",
    ),
    "round_name": ("Navnet ditt", "Your name"),
    "round_team": ("Teamet", "The team"),
    "round_go": ("Fortsett", "Continue"),
    "round_missing": ("Fyll inn begge feltene.", "Fill in both fields."),
    "round_lead_missing": ("Skriv teamets navn eller en kode.", "Write a team name or a code."),
    "round_joined_as": (
        "Du er med i runden som {name}. Svarene dine vises for teamet først når alle viser dem.",
        "You are in the round as {name}. Your answers are shown to the team only at the reveal.",
    ),
    "round_waiting_reveal": (
        "Du har svart på alt. Teamet ser svarene når fasilitatoren viser dem.",
        "You have answered everything. The team sees the answers when the facilitator reveals "
        "them.",
    ),
    "key_reveal": ("Vis svarene", "Reveal"),
    "key_round_names": ("Navn", "Names"),
    "key_round_agree_all": ("Alle like", "All alike"),
    "key_round_why": ("Hvorfor", "Why"),
    "key_round_revote": ("Stem på nytt", "Re-vote"),
    "key_round_finish": ("Resultat", "Result"),
    # Workshop mode: members of a team round in their own browsers.
    "join_title": ("Bli med i teamrunden", "Join the team round"),
    "join_body": (
        "Skriv koden som står på fasilitatorens skjerm. Du ser bare dine egne svar, og ingen "
        "andre ser dem før fasilitatoren viser svarene for alle samtidig.",
        "Type the code shown on the facilitator's screen. You see only your own answers, and "
        "no one else sees them until the facilitator reveals everyone's at once.",
    ),
    "join_code_label": ("Koden", "The code"),
    "join_go": ("Bli med", "Join"),
    "join_wrong_code": (
        "Ingen teamrunde her har koden «{code}». Sjekk koden på fasilitatorens skjerm og prøv "
        "igjen (den har seks tegn, uten 0, O, 1, I og L).",
        "No team round here has the code «{code}». Check the code on the facilitator's screen "
        "and try again (it has six characters, without 0, O, 1, I or L).",
    ),
    "join_round_closed": (
        "Teamrunden {code} er avsluttet: teamet er blitt enige. Det er ikke lenger mulig å svare.",
        "The team round {code} has ended: the team has agreed. It is no longer possible to answer.",
    ),
    "participant_title": ("Teamrunde {code} – {team}", "Team round {code} – {team}"),
    "participant_intro": (
        "Skriv navnet ditt for å svare på spørsmålene. Du svarer alene: teamet ser svarene "
        "dine først når fasilitatoren viser alle svarene samtidig.",
        "Write your name to answer the questions. You answer alone: the team sees your "
        "answers only when the facilitator reveals everyone's at once.",
    ),
    "participant_name_taken": (
        "Noen andre er allerede med i runden som «{name}». Velg et annet navn, eller bruk "
        "nettleseren du begynte i.",
        "Someone else is already in the round as «{name}». Choose another name, or use the "
        "browser you started in.",
    ),
    "participant_progress": (
        "Du er med som {name}. Besvart {answered} av {total}.",
        "You are in as {name}. Answered {answered} of {total}.",
    ),
    "participant_continue": ("Fortsett å svare", "Go on answering"),
    "participant_leave": ("Avslutt", "Leave"),
    "participant_revote": (
        "Teamet vil stemme på nytt over et spørsmål. Trykk «Fortsett å svare».",
        "The team wants to vote again on a question. Press «Go on answering».",
    ),
    "key_participant_leave": ("Avslutt", "Leave"),
    "participant_too_late": (
        "Svarene i denne runden er allerede vist, så nye deltakere kan ikke bli med nå. Har du "
        "svart før, skriv navnet du brukte, i nettleseren du brukte.",
        "The answers of this round have been revealed, so no new members can join now. If you "
        "answered before, write the name you used, in the browser you used.",
    ),
    "round_count": ("Antall", "Count"),
    "participant_open_elsewhere": (
        "Svarene dine er åpne i en annen fane. Lukk den, og prøv igjen her.",
        "Your answers are open in another tab. Close it, and try again here.",
    ),
}


def t(key: str, lang: Lang) -> str:
    """The string `key` in `lang`."""
    nb, en = STRINGS[key]
    return nb if lang == "nb" else en
