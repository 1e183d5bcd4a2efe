"""A small bank with realistic texts, so UI tests and snapshots show real wrapping and lengths."""

from __future__ import annotations

from pathlib import Path

BANK = """
[bank]
id = "demo"
version = "1.0.0"
title = { nb = "Er vi klare for samskaping?", en = "Are we ready to co-create?" }
source = "Kobro, L. U. m.fl. (2021). Samskapende velferdsinnovasjon – USN/SESAM sluttrapport."
"""

DIMENSIONS = """
[[dimensions]]
id = "understanding"
name = { nb = "Felles forståelse av samskaping", en = "Shared understanding of co-creation" }
description = { nb = "Om teamet vet hva samskaping er, og hva det ikke er.", en = "Whether the team knows what co-creation is and is not." }

[[dimensions]]
id = "anchoring"
name = { nb = "Forankring i egen organisasjon", en = "Anchoring in your own organisation" }
description = { nb = "Om arbeidet er forankret oppover og på tvers.", en = "Whether the work is anchored upwards and across." }

[[dimensions]]
id = "leadership"
name = { nb = "Ledelsens støtte og delegering", en = "Leadership support and delegation" }
description = { nb = "Om lederne godtar å gi fra seg kontroll.", en = "Whether leaders accept giving up control." }

[[dimensions]]
id = "time_resources"
name = { nb = "Tid og ressurser", en = "Time and resources" }
description = { nb = "Om det er satt av tid og ressurser.", en = "Whether time and resources are set aside." }

[[dimensions]]
id = "ambition"
kind = "ambition"
name = { nb = "Ambisjon: hvor tykk samskaping", en = "Ambition: how thick the co-creation" }
description = { nb = "Hvor langt dere vil gå.", en = "How far you mean to go." }
"""

LESSONS = """
[[lessons]]
id = "not-user-involvement"
section = "4.1"
kind = "advice"
title = { nb = "Samskaping er ikke brukermedvirkning", en = "Co-creation is not user involvement" }
advice = { nb = "Snakk sammen i teamet om hva samskaping betyr for dere, før dere inviterer.", en = "Talk in the team about what co-creation means to you before you invite anyone." }
quote = "Samskaping er ikke et nytt ord for brukermedvirkning."

[[lessons]]
id = "open-outcome"
section = "3.3"
kind = "advice"
title = { nb = "Tål å ikke vite svaret på forhånd", en = "Accept not knowing the answer in advance" }
advice = { nb = "Legg ikke en ferdig plan for hva samarbeidet skal føre til.", en = "Do not lay down a finished plan for what the collaboration will lead to." }
quote = "samskaping handler om en samarbeidsform hvor man ikke vet konkret hva man skal oppnå"

[[lessons]]
id = "anchor-first"
section = "3.7"
kind = "blocker"
title = { nb = "Forankre før dere inviterer", en = "Anchor before you invite" }
advice = { nb = "Sørg for at ledelsen har sagt ja til både mål, tid og arbeidsmåte før innbyggerne inviteres.", en = "Make sure leadership has agreed to the aim, the time and the way of working before citizens are invited." }
quote = "Vi heiv oss rundt og startet uten å forberede oss skikkelig. Derfor tryna vi helt og måtte stoppe prosjektet."

[[lessons]]
id = "anchor-across"
section = "Appendiks 1 – Forberedelsesfasen"
kind = "advice"
title = { nb = "Stå samlet på tvers", en = "Stand together across units" }
advice = { nb = "Snakk med de andre avdelingene og etatene som berøres, så ingen blir bremseklosser.", en = "Talk to the other units and agencies involved, so nobody ends up as a brake." }
quote = "Det er dumt å møte innbyggere i samskaping når man ikke står samlet i egen organisasjon."

[[lessons]]
id = "leaders-let-go"
section = "Appendiks 1 – Forberedelsesfasen"
kind = "blocker"
title = { nb = "Ledere må tåle å gi fra seg kontroll", en = "Leaders must accept giving up control" }
advice = { nb = "Snakk med lederen om hva det betyr å gi fra seg kontroll, og bli enige om handlingsrommet.", en = "Talk with your leader about what giving up control means, and agree on the room to act." }
quote = "Sørg for at ledelsen vet hva samskaping er og hva det innebærer, særlig når det gjelder tap av kontroll."

[[lessons]]
id = "take-time"
section = "Appendiks 1 – Forberedelsesfasen"
kind = "advice"
title = { nb = "Sett av god tid", en = "Set aside plenty of time" }
advice = { nb = "Sett av faste tider i kalenderen, og ta noe annet bort.", en = "Set aside fixed times in the calendar, and take something else away." }
quote = "Beregne god tid til gjennomføringen."

[[lessons]]
id = "thin-or-thick"
section = "Appendiks 1 – Forberedelsesfasen"
kind = "advice"
title = { nb = "Bestem dere: tynn eller tykk", en = "Decide: thin or thick" }
advice = { nb = "Bli enige om innbyggerne skal være med i en første fase eller over tid.", en = "Agree whether citizens take part in a first phase or over time." }
quote = "Bestem dere for om dette skal være et «stunt»; en innbyggermedvirkning i en avgrenset første fase"
"""

QUESTIONS = """
[[questions]]
id = "und_difference"
dimension = "understanding"
weight = 1.5
text = { nb = "Kan alle i teamet forklare forskjellen på samskaping og vanlig brukermedvirkning?", en = "Can everyone in the team explain the difference between co-creation and ordinary user involvement?" }
help = { nb = "Rapporten fant at de ansatte lenge var usikre på hva samskaping er, og tok det for brukermedvirkning.", en = "The report found that staff were long unsure what co-creation is, and took it for user involvement." }
lessons = ["not-user-involvement"]
options = [
  { value = 0, label = { nb = "Nei, vi har ikke snakket om hva samskaping er", en = "No, we have not talked about what co-creation is" } },
  { value = 1, label = { nb = "Noen av oss har lest om det, men vi har ikke snakket sammen om det", en = "Some of us have read about it, but we have not talked it through together" } },
  { value = 2, label = { nb = "Vi har snakket om det, men er fortsatt usikre", en = "We have talked about it, but are still unsure" } },
  { value = 3, label = { nb = "De fleste kan forklare forskjellen", en = "Most of us can explain the difference" } },
  { value = 4, label = { nb = "Alle kan forklare forskjellen med egne ord", en = "Everyone can explain the difference in their own words" } },
]

[[questions]]
id = "und_open_outcome"
dimension = "understanding"
text = { nb = "Er dere forberedt på at dere ikke vet hva samarbeidet med innbyggerne ender med?", en = "Are you prepared not to know where the collaboration with citizens will end up?" }
help = { nb = "Samskaping er et samarbeid der man ikke vet på forhånd hva man skal oppnå.", en = "Co-creation is a collaboration in which you do not know in advance what you will achieve." }
lessons = ["open-outcome"]
options = [
  { value = 0, label = { nb = "Nei, vi har allerede bestemt hva tiltaket skal bli", en = "No, we have already decided what the measure will be" } },
  { value = 2, label = { nb = "Delvis, vi har en plan men er åpne for endringer", en = "Partly, we have a plan but are open to changes" } },
  { value = 4, label = { nb = "Ja, vi skal finne ut av det sammen med innbyggerne", en = "Yes, we will find out together with the citizens" } },
]

[[questions]]
id = "anchor_leadership"
dimension = "anchoring"
weight = 2
text = { nb = "Har ledelsen sagt ja til mål, tid og arbeidsmåte for samskapingen?", en = "Has leadership agreed to the aim, the time and the way of working?" }
help = { nb = "Horten startet uten å forberede seg, «tryna» og måtte stoppe (3.7).", en = "Horten started without preparing, failed and had to stop (3.7)." }
lessons = ["anchor-first"]
blockers = [{ lesson = "anchor-first", at_most = 1 }]
options = [
  { value = 0, label = { nb = "Ledelsen vet ikke om arbeidet", en = "Leadership does not know about the work" } },
  { value = 1, label = { nb = "Ledelsen har sagt ja, men vi har ikke snakket om hva det innebærer", en = "Leadership said yes, but we have not talked about what it involves" } },
  { value = 2, label = { nb = "Vi har snakket om mål, men ikke om tid og arbeidsmåte", en = "We have talked about the aim, but not about time and way of working" } },
  { value = 3, label = { nb = "Vi er enige om mål og tid, men ikke om arbeidsmåte", en = "We agree on aim and time, but not on the way of working" } },
  { value = 4, label = { nb = "Vi er enige om mål, tid og arbeidsmåte, skriftlig", en = "We agree on aim, time and way of working, in writing" } },
]

[[questions]]
id = "anchor_across"
dimension = "anchoring"
text = { nb = "Kjenner de andre avdelingene og etatene som berøres, til arbeidet?", en = "Do the other units and agencies involved know about the work?" }
help = { nb = "Veilederen i rapporten advarer mot å møte innbyggere når man ikke står samlet.", en = "The report's guide warns against meeting citizens when you do not stand together." }
lessons = ["anchor-across"]
options = [
  { value = 0, label = { nb = "Nei", en = "No" } },
  { value = 2, label = { nb = "Noen vet om det", en = "Some know about it" } },
  { value = 4, label = { nb = "Ja, og de er med", en = "Yes, and they take part" } },
]

[[questions]]
id = "lead_control"
dimension = "leadership"
weight = 2
text = { nb = "Har lederen godtatt at dere gir fra dere kontroll over prosessen og resultatet?", en = "Has your leader accepted that you give up control over the process and the result?" }
help = { nb = "Ledere sa ja uten å godta tapet av kontroll (Appendiks 1).", en = "Leaders said yes without accepting the loss of control (Appendix 1)." }
lessons = ["leaders-let-go"]
blockers = [{ lesson = "leaders-let-go", at_most = 0 }]
options = [
  { value = 0, label = { nb = "Nei, lederen vil godkjenne hvert steg", en = "No, the leader wants to approve every step" } },
  { value = 2, label = { nb = "Lederen har sagt ja, men vi har ikke snakket om kontroll", en = "The leader said yes, but we have not talked about control" } },
  { value = 4, label = { nb = "Ja, vi har handlingsrom og ryggdekning", en = "Yes, we have room to act and backing" } },
]

[[questions]]
id = "time_calendar"
dimension = "time_resources"
text = { nb = "Er det satt av tid i kalenderen til arbeidet, uten at det blir «enda en oppgave»?", en = "Is time set aside in the calendar, without the work becoming «yet another task»?" }
help = { nb = "Samskaping tar tid; veilederen ber dere beregne god tid.", en = "Co-creation takes time; the guide asks you to allow plenty of it." }
lessons = ["take-time"]
options = [
  { value = 0, label = { nb = "Nei, det kommer i tillegg til alt annet", en = "No, it comes on top of everything else" } },
  { value = 2, label = { nb = "Noe tid, men ingenting er tatt bort", en = "Some time, but nothing was taken away" } },
  { value = 4, label = { nb = "Ja, faste tider, og noe annet er tatt bort", en = "Yes, fixed times, and something else was taken away" } },
]

[[questions]]
id = "ambition_duration"
dimension = "ambition"
text = { nb = "Hvor lenge skal innbyggerne være med?", en = "How long will citizens take part?" }
help = { nb = "Tynn samskaping er en avgrenset første fase; tykk er over tid.", en = "Thin co-creation is a bounded first phase; thick is over time." }
lessons = ["thin-or-thick"]
options = [
  { value = 0, label = { nb = "Ett møte", en = "One meeting" } },
  { value = 2, label = { nb = "En avgrenset første fase", en = "A bounded first phase" } },
  { value = 4, label = { nb = "Over tid, og med på å lage og levere tjenestene", en = "Over time, helping to produce and deliver the services" } },
]
"""

POLICY = """
[policy]
min_coverage = 0.6
recommend_min_gap = 0.25

[policy.dimension_weights]
anchoring = 2.0
leadership = 2.0

[policy.levels.not_ready]
label = { nb = "Ikke klare ennå – forbered dere internt først", en = "Not ready yet – prepare internally first" }
summary = { nb = "Noe av det rapporten sier må være på plass før innbyggerne inviteres, mangler.", en = "Some of what the report says must be in place before citizens are invited is missing." }

[policy.levels.strengthen]
label = { nb = "Nesten klare – styrk de svake områdene først", en = "Almost ready – strengthen the weak areas first" }
summary = { nb = "Ingenting som må være på plass mangler, men noen områder er svake.", en = "Nothing that must be in place is missing, but some areas are weak." }

[policy.levels.thin]
min_overall = 50
min_dimension = 25
label = { nb = "Klare for tynn samskaping", en = "Ready for thin co-creation" }
summary = { nb = "Grunnmuren er på plass. Dere kan invitere innbyggerne med i en avgrenset første fase.", en = "The foundations are in place. You can invite citizens into a bounded first phase." }

[policy.levels.thick]
min_overall = 75
min_dimension = 50
label = { nb = "Klare til å gå mot tykk samskaping", en = "Ready to move towards thick co-creation" }
summary = { nb = "Dere står godt forberedt.", en = "You are well prepared." }

[policy.levels.undetermined]
label = { nb = "Ikke avgjort – for mye er uklart", en = "Undetermined – too much is unclear" }
summary = { nb = "Dere har svart «Vet ikke» på for mye.", en = "You answered «Don't know» too often." }

[policy.ambition]
dimension = "ambition"
thick_from = 50
thin = { nb = "Tynn samskaping", en = "Thin co-creation" }
thick = { nb = "Tykk samskaping", en = "Thick co-creation" }
undetermined = { nb = "Ikke bestemt", en = "Not decided" }

[[policy.advice]]
id = "thick-ambition-not-ready"
readiness = ["not_ready"]
ambition = ["thick"]
text = { nb = "Dere vil langt, men grunnmuren mangler. Gjør forarbeidet internt først – og start tynt.", en = "You aim high, but the foundations are missing. Do the groundwork first – and start thin." }
lessons = ["thin-or-thick"]

[[policy.advice]]
id = "thick-ambition-thin-readiness"
readiness = ["thin"]
ambition = ["thick"]
text = { nb = "Dere sikter mot tykk samskaping, men er klare for tynn. Start med en avgrenset første fase.", en = "You aim for thick co-creation, but are ready for thin. Start with a bounded first phase." }
lessons = ["thin-or-thick"]
"""

FILES = {
    "bank.toml": BANK,
    "dimensions.toml": DIMENSIONS,
    "lessons.toml": LESSONS,
    "questions.toml": QUESTIONS,
    "policy.toml": POLICY,
}


DEMO_NN = """
[lang]
code = "nn"
name = "Nynorsk"

[bank]
title = "Er vi klare for samskaping?"

[dimensions.understanding]
name = "Felles forståing av samskaping"
description = "Om teamet veit kva samskaping er, og kva det ikkje er."

[dimensions.anchoring]
name = "Forankring i eigen organisasjon"
description = "Om arbeidet er forankra oppover og på tvers."

[dimensions.leadership]
name = "Støtte og delegering frå leiinga"
description = "Om leiarane godtek å gi frå seg kontroll."

[dimensions.time_resources]
name = "Tid og ressursar"
description = "Om det er sett av tid og ressursar."

[dimensions.ambition]
name = "Ambisjon: kor tjukk samskaping"
description = "Kor langt de vil gå."

[lessons.not-user-involvement]
title = "Samskaping er ikkje brukarmedverknad"
advice = "Snakk saman i teamet om kva samskaping betyr for dykk, før de inviterer."

[lessons.open-outcome]
title = "Tol å ikkje vite svaret på førehand"
advice = "Legg ikkje ein ferdig plan for kva samarbeidet skal føre til."

[lessons.anchor-first]
title = "Forankre før de inviterer"
advice = "Sørg for at leiinga har sagt ja til både mål, tid og arbeidsmåte før innbyggjarane blir inviterte."

[lessons.anchor-across]
title = "Stå samla på tvers"
advice = "Snakk med dei andre avdelingane og etatane som blir råka, så ingen blir bremseklossar."

[lessons.leaders-let-go]
title = "Leiarar må tole å gi frå seg kontroll"
advice = "Snakk med leiaren om kva det betyr å gi frå seg kontroll, og bli samde om handlingsrommet."

[lessons.take-time]
title = "Set av god tid"
advice = "Set av faste tider i kalenderen, og ta noko anna bort."

[lessons.thin-or-thick]
title = "Bestem dykk: tynn eller tjukk"
advice = "Bli samde om innbyggjarane skal vere med i ein første fase eller over tid."

[questions.und_difference]
text = "Kan alle i teamet forklare skilnaden på samskaping og vanleg brukarmedverknad?"
help = "Rapporten fann at dei tilsette lenge var usikre på kva samskaping er, og tok det for brukarmedverknad."
options = [
    "Nei, vi har ikkje snakka om kva samskaping er",
    "Nokre av oss har lese om det, men vi har ikkje snakka saman om det",
    "Vi har snakka om det, men er framleis usikre",
    "Dei fleste kan forklare skilnaden",
    "Alle kan forklare skilnaden med eigne ord",
]

[questions.und_open_outcome]
text = "Er de budde på at de ikkje veit kva samarbeidet med innbyggjarane endar med?"
help = "Samskaping er eit samarbeid der ein ikkje veit på førehand kva ein skal oppnå."
options = [
    "Nei, vi har alt bestemt kva løysinga skal bli",
    "Delvis, vi har ein plan, men er opne for endringar",
    "Ja, vi skal finne ut av det saman med innbyggjarane",
]

[questions.anchor_leadership]
text = "Har leiinga sagt ja til mål, tid og arbeidsmåte for samskapinga?"
help = "Horten starta utan å førebu seg, «tryna» og måtte stoppe (3.7)."
options = [
    "Leiinga veit ikkje om arbeidet",
    "Leiinga har sagt ja, men vi har ikkje snakka om kva det inneber",
    "Vi har snakka om mål, men ikkje om tid og arbeidsmåte",
    "Vi er samde om mål og tid, men ikkje om arbeidsmåte",
    "Vi er samde om mål, tid og arbeidsmåte, skriftleg",
]

[questions.anchor_across]
text = "Kjenner dei andre avdelingane og etatane som blir råka, til arbeidet?"
help = "Rettleiaren i rapporten åtvarar mot å møte innbyggjarar når ein ikkje står samla."
options = ["Nei", "Nokre veit om det", "Ja, og dei er med"]

[questions.lead_control]
text = "Har leiaren godteke at de gir frå dykk kontroll over prosessen og resultatet?"
help = "Leiarar sa ja utan å godta at dei mista kontroll (Appendiks 1)."
options = [
    "Nei, leiaren vil godkjenne kvart steg",
    "Leiaren har sagt ja, men vi har ikkje snakka om kontroll",
    "Ja, vi har handlingsrom og ryggdekning",
]

[questions.time_calendar]
text = "Er det sett av tid i kalenderen til arbeidet, utan at det blir «enda en oppgave»?"
help = "Samskaping tek tid; rettleiaren ber dykk rekne med god tid."
options = [
    "Nei, det kjem i tillegg til alt anna",
    "Noko tid, men ingenting er teke bort",
    "Ja, faste tider, og noko anna er teke bort",
]

[questions.ambition_duration]
text = "Kor lenge skal innbyggjarane vere med?"
help = "Tynn samskaping er ein avgrensa første fase; tjukk er over tid."
options = ["Eitt møte", "Ein avgrensa første fase", "Over tid, og med på å lage og levere tenestene"]

[policy.levels.not_ready]
label = "Ikkje klare enno – førebu dykk internt først"
summary = "Noko av det rapporten seier må vere på plass før innbyggjarane blir inviterte, manglar."

[policy.levels.strengthen]
label = "Nesten klare – styrk dei svake områda først"
summary = "Ingenting som må vere på plass, manglar, men nokre område er svake."

[policy.levels.thin]
label = "Klare for tynn samskaping"
summary = "Grunnmuren er på plass. De kan invitere innbyggjarane med i ein avgrensa første fase."

[policy.levels.thick]
label = "Klare til å gå mot tjukk samskaping"
summary = "De står godt førebudde."

[policy.levels.undetermined]
label = "Ikkje avgjort – for mykje er uklart"
summary = "De har svart «Veit ikkje» på for mykje."

[policy.ambition]
thin = "Tynn samskaping"
thick = "Tjukk samskaping"
undetermined = "Ikkje bestemt"

[policy.advice.thick-ambition-not-ready]
text = "De vil langt, men grunnmuren manglar. Gjer forarbeidet internt først – og start tynt."

[policy.advice.thick-ambition-thin-readiness]
text = "De siktar mot tjukk samskaping, men er klare for tynn. Start med ein avgrensa første fase."
"""
"""Nynorsk for the demo bank, as `lang/nn.toml`: the screens are shown in nn too."""


def write_demo_bank(folder: Path, **overrides: str) -> Path:
    """Write the demo bank into `folder`; `overrides` replace whole files by name (dots as _)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in FILES.items():
        (folder / name).write_text(overrides.get(name.replace(".", "_"), text), encoding="utf-8")
    (folder / "lang").mkdir(exist_ok=True)
    (folder / "lang" / "nn.toml").write_text(DEMO_NN, encoding="utf-8")
    return folder
