"""One English sentence from a coded event (for GDELT-style users who do not read Arabic)."""

from __future__ import annotations

from hadath.models import Actor, EventMention

_VERBS = {
    ("CONSULT", "phone"): "held a phone call with",
    ("CONSULT", "visit"): "visited",
    ("CONSULT", None): "consulted with",
    ("REQUEST", None): "made a request to",
    ("ACCUSE", "disapprove"): "condemned",
    ("ACCUSE", "allege"): "accused",
    ("ACCUSE", "investigate"): "ordered an investigation into",
    ("REJECT", None): "rejected",
    ("THREATEN", None): "threatened",
    ("SANCTION", "discontinue"): "imposed sanctions on",
    ("SANCTION", "withdraw"): "reduced diplomatic relations with",
    ("SANCTION", "expel"): "expelled",
    ("SANCTION", "convict"): "convicted",
    ("COERCE", "seize"): "seized territory from",
    ("RETREAT", "release"): "released",
    ("ASSAULT", "aerial"): "carried out airstrikes against",
    ("ASSAULT", "drone"): "carried out a drone attack against",
    ("ASSAULT", None): "attacked",
    ("PROTEST", "demo"): "protested against",
    ("PROTEST", "strike"): "went on strike against",
    ("PROTEST", "hunger"): "went on hunger strike against",
    ("PROTEST", "riot"): "rioted against",
    ("SUPPORT", None): "expressed support for",
    ("AGREE", None): "reached an agreement with",
    ("AID", None): "provided aid to",
    ("COERCE", "arrest"): "arrested",
    ("RETREAT", None): "withdrew from",
    ("MOBILIZE", None): "mobilised forces against",
}


def _who(actor: Actor | None) -> str:
    if actor is None:
        return "unidentified actors"
    return (
        f"{actor.name} ({actor.country})" if actor.country and actor.country not in actor.name else actor.name
    )


def summarise(m: EventMention, when: str | None, precision: str | None) -> str:
    """``"Antony Blinken (USA) held a phone call with Fuad Hussein (IRQ) on 2024-02-07."``"""
    source = next((a for a in m.actors if a.role == "source"), None)
    target = next((a for a in m.actors if a.role == "target"), None)
    verb = _VERBS.get((m.plover, m.mode)) or _VERBS.get((m.plover, None)) or f"({m.plover.lower()})"
    if m.plover == "CONSULT" and m.mode == "visit" and target is not None:
        verb = "visited"
    parts = [_who(source), verb]
    if target is not None or not verb.endswith(("with", "to", "against", "on", "into", "from", "for")):
        if target is not None:
            parts.append(_who(target))
    else:
        parts.append("unidentified actors")
    if when:
        parts.append({"day": "on ", "week": "in the week of "}.get(precision or "", "in ") + when)
    sentence = " ".join(parts)
    if "historical" in m.context:
        sentence += " (background)"
    if "negated" in m.context:
        sentence = "Reported as not having happened: " + sentence
    return sentence + "."
