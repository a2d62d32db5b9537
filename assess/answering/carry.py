"""Starting an answers file: a new one, or one that carries last period's answers forward."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from assess.answering.setting import check_typed, with_entry
from assess.errors import AssessError
from assess.files.questionnaires import Origin, QuestionnaireFile
from assess.i18n import N_
from assess.model.answers import (
    Answer,
    AnswersFile,
    Assessment,
    Entry,
    Organization,
    QuestionnaireRef,
)
from assess.model.lookup import find_profile
from assess.model.questionnaire import (
    Questionnaire,
)


def new_answers(
    q: Questionnaire,
    *,
    org: str,
    profile: str,
    period: str,
    date: dt.date,
    sector: str | None = None,
    assessor: str | None = None,
    scope: str | None = None,
) -> AnswersFile:
    """A new, empty answers file for `q`, checked like any file (the profile must exist)."""
    profile = find_profile(q, profile).id
    try:
        return AnswersFile(
            questionnaire=QuestionnaireRef(id=q.id, version=q.version),
            organization=Organization(name=org, sector=sector or None, profile=profile),
            assessment=Assessment(
                period=period, date=date, assessor=assessor or None, scope=scope or None
            ),
        )
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        raise AssessError(
            N_("--%(option)s must not be blank"), values={"option": first["loc"][-1]}
        ) from None


@dataclass(frozen=True)
class Carried:
    """What `carry_forward` kept and what it left behind, to tell the user."""

    answers: AnswersFile
    renamed: list[tuple[str, str]] = field(default_factory=list)
    dropped: list[tuple[str, AssessError]] = field(default_factory=list)
    """Each answer left behind, by its old id, with why (`str()` says it in the terminal's
    language, `.message` in English)."""
    questionnaire_path: Path | None = None
    """The questionnaire file later commands must be given with -q; None when they find it."""


def carry_forward(
    previous: AnswersFile, fresh: AnswersFile, q: Questionnaire, older: Questionnaire | None = None
) -> Carried:
    """Copy last period's answers into `fresh`, each marked to be confirmed again.

    Ids renamed in `q` are followed through `previous_ids`. An answer is left behind when its
    question is gone, when the old answer no longer fits it, or when `older` (last period's
    questionnaire) defined the question so that the same value now means something else.
    """
    entries: dict[str, Entry] = {}
    renamed: list[tuple[str, str]] = []
    dropped: list[tuple[str, AssessError]] = []
    ref = {"questionnaire": q.ref}
    for old_id, entry in previous.answers.items():
        qid = old_id if q.question(old_id) is not None else q.renamed.get(old_id)
        if qid is None:
            dropped.append(
                (old_id, AssessError(N_("no such question in %(questionnaire)s"), values=ref))
            )
            continue
        if qid in entries:
            why = N_("%(qid)s already has an answer carried forward")
            dropped.append((old_id, AssessError(why, values={"qid": qid})))
            continue
        carried = entry.model_copy(update={"carried_from": previous.assessment.period})
        try:
            with_entry(fresh, q, qid, carried)
        except AssessError as exc:
            prefix = f"{qid}: "
            dropped.append((old_id, AssessError(exc.message.removeprefix(prefix))))
            continue
        if not _means_the_same(older, old_id, q, qid, entry):
            why = N_("its definition changed in %(questionnaire)s; answer it again")
            dropped.append((old_id, AssessError(why, values=ref)))
            continue
        entries[qid] = carried
        if qid != old_id:
            renamed.append((old_id, qid))
    return Carried(fresh.model_copy(update={"answers": entries}), renamed, dropped)


def _means_the_same(
    older: Questionnaire | None, old_id: str, q: Questionnaire, qid: str, entry: Entry
) -> bool:
    before, now = older.question(old_id) if older else None, q.question(qid)
    if before is None or now is None or not isinstance(entry, Answer):
        return True
    return now.means_the_same(before, entry.value)


def choose_questionnaire(
    use: str | None,
    paths: Sequence[Path],
    previous: AnswersFile | None,
    default_id: str = "cyberposture",
) -> QuestionnaireFile:
    """The questionnaire a new answers file follows.

    `use` (ID[@VERSION]) names it; otherwise the newest version among the given files (of last
    period's questionnaire, with a previous file); otherwise the newest bundled one.
    """
    from assess.files.loading import load_questionnaire
    from assess.files.questionnaires import parse_ref, resolve

    if use is not None:
        ident, version = parse_ref(use)
        return resolve(ident, version, paths)
    wanted = previous.questionnaire.id if previous is not None else None
    loaded = [load_questionnaire(p) for p in paths]
    ids = {x.id for x in loaded}
    if loaded and (wanted in ids or len(ids) == 1):
        return resolve(wanted if wanted in ids else loaded[0].id, None, paths)
    if loaded:
        raise AssessError(
            N_("several questionnaires given; say which one the new file follows"),
            hint=N_("add --use ID@VERSION"),
        )
    return resolve(wanted or default_id, None, paths)


def init_file(
    out: Path,
    *,
    use: str | None = None,
    paths: Sequence[Path] = (),
    previous_path: Path | None = None,
    org: str | None,
    profile: str | None,
    period: str,
    date: dt.date,
    sector: str | None = None,
    assessor: str | None = None,
    scope: str | None = None,
    force: bool = False,
) -> Carried:
    """Write a new answers file, carrying last period's answers forward when given one.

    With `previous_path`, the organization's name, sector and profile default to last period's.
    """
    from assess.files.answersfile import write_new
    from assess.files.atomic import check_target
    from assess.files.loading import load_answers
    from assess.files.lock import locked

    check_typed(
        org=org, profile=profile, period=period, sector=sector, assessor=assessor, scope=scope
    )
    check_target(out, [previous_path, *paths])
    previous = None
    if previous_path is not None:
        previous, older = load_answers(previous_path, paths)
    chosen = choose_questionnaire(use, paths, previous)
    q = chosen.questionnaire
    last = previous.organization if previous is not None else None
    if org is None and last is None:
        raise AssessError(N_("missing --org NAME"), hint=N_("the organization being assessed"))
    if profile is None and last is None:
        profiles = ", ".join(p.id for p in q.profiles)
        raise AssessError(
            N_("missing --profile ID"),
            hint=N_("profiles of %(questionnaire)s are %(profiles)s"),
            values={"questionnaire": q.ref, "profiles": profiles},
        )
    fresh = new_answers(
        q,
        org=org if org is not None else last.name if last else "",
        profile=profile if profile is not None else last.profile if last else "",
        period=period,
        date=date,
        sector=sector if sector is not None else last.sector if last else None,
        assessor=assessor,
        scope=scope,
    )
    result = Carried(fresh) if previous is None else carry_forward(previous, fresh, q, older)
    if chosen.origin is Origin.given:
        # Later commands find this questionnaire only if they are told where it is.
        result = dataclasses.replace(result, questionnaire_path=chosen.path)
    # The lock keeps --force from replacing a file that a `take` session is answering.
    with locked(out):
        write_new(out, result.answers, force=force)
    return result
