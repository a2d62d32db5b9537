"""The answering core: which question comes next, what is saved, and what is carried forward."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from assess.answering.carry import carry_forward, new_answers
from assess.answering.session import Command, Give, Session, Step
from assess.answering.setting import NOT_ANSWERED, needs_answer
from assess.errors import AssessError
from assess.files.loading import load_answers, load_questionnaire
from assess.model.answers import Answer, AnswersFile, NotApplicable
from assess.model.progress import Progress
from assess.model.questionnaire import Questionnaire
from tests.builders import multi, number, small_questionnaire, unstamped

Reply = Give | Command


class FakePrompter:
    """Replays scripted replies and records every question it was shown."""

    def __init__(self, replies: list[Reply], *, justification: str | None = "No such systems"):
        self.replies = list(replies)
        self.shown: list[Step] = []
        self.messages: list[str] = []
        self.justification_text = justification
        self.extras_reply: tuple[str | None, list[str]] = ("checked by audit", ["Audit p. 4"])

    def ask(self, step: Step, q: Questionnaire) -> Reply:
        self.shown.append(step)
        return self.replies.pop(0) if self.replies else Command.quit

    def guidance(self, step: Step) -> None:
        self.messages.append(f"guidance {step.question.id}")

    def justification(self, step: Step) -> str | None:
        return self.justification_text

    def note(self, step: Step) -> str | None:
        return self.extras_reply[0]

    def evidence(self, step: Step) -> list[str]:
        return self.extras_reply[1]

    def message(self, text: str) -> None:
        self.messages.append(text)

    @property
    def ids(self) -> list[str]:
        return [s.question.id for s in self.shown]


@pytest.fixture
def files(tmp_path: Path) -> Callable[..., tuple[Path, Path]]:
    def make(
        answers: dict[str, Any] | None = None,
        profile: str = "baseline",
        questionnaire: dict[str, Any] | None = None,
    ) -> tuple[Path, Path]:
        qpath = tmp_path / "q.yaml"
        qpath.write_text(yaml.safe_dump(questionnaire or small_questionnaire(), sort_keys=False))
        path = tmp_path / "answers.yaml"
        data = {
            "questionnaire": {"id": "mini", "version": "1.0"},
            "organization": {"name": "Acme", "profile": profile},
            "assessment": {"period": "2025", "date": "2025-11-20"},
            "answers": answers or {},
        }
        path.write_text(yaml.safe_dump(data, sort_keys=False))
        return path, qpath

    return make


def session(path: Path, qpath: Path, prompter: FakePrompter, **options: Any) -> Session:
    answers, q = load_answers(path, [qpath])
    return Session(path, answers, q, prompter, **options)


def saved(path: Path, qpath: Path) -> dict[str, Any]:
    return unstamped(load_answers(path, [qpath])[0].answers)


def test_starts_at_the_first_unanswered_and_skips_hidden_questions(
    files: Callable[..., tuple[Path, Path]],
) -> None:
    path, qpath = files({"A-01": {"value": 3}})
    prompter = FakePrompter([Give(2), Give(1), Give("no")])
    outcome = session(path, qpath, prompter).run()
    # B-02 waits on B-01 being yes; B-03 is for the critical profile only.
    assert prompter.ids == ["A-02", "A-03", "B-01"]
    assert outcome.finished and outcome.open == []
    assert saved(path, qpath) == {
        "A-01": Answer(value=3),
        "A-02": Answer(value=2),
        "A-03": Answer(value=1),
        "B-01": Answer(value="no"),
    }


def test_every_answer_is_on_disk_before_the_next_question(
    files: Callable[..., tuple[Path, Path]],
) -> None:
    path, qpath = files()
    seen: list[list[str]] = []

    class Watching(FakePrompter):
        def ask(self, step: Step, q: Questionnaire) -> Reply:
            seen.append(sorted(saved(path, qpath)))
            return super().ask(step, q)

    session(path, qpath, Watching([Give(1), Give(2)])).run()
    assert seen == [[], ["A-01"], ["A-01", "A-02"]]


def test_a_condition_met_brings_its_question_in(files: Callable[..., tuple[Path, Path]]) -> None:
    path, qpath = files({"A-01": {"value": 1}, "A-02": {"value": 1}, "A-03": {"value": 1}})
    prompter = FakePrompter([Give("yes"), Give(3)])
    session(path, qpath, prompter).run()
    assert prompter.ids == ["B-01", "B-02"]


def test_a_hidden_question_keeps_its_answer_in_the_file(
    files: Callable[..., tuple[Path, Path]],
) -> None:
    path, qpath = files({"B-01": {"value": "yes"}, "B-02": {"value": 2}})
    prompter = FakePrompter([Give("no")])
    session(path, qpath, prompter, review=True, dimension="B").run()
    assert prompter.ids == ["B-01"]
    assert saved(path, qpath)["B-02"] == Answer(value=2)


def test_the_profile_decides_what_is_asked(files: Callable[..., tuple[Path, Path]]) -> None:
    path, qpath = files({"B-01": {"value": "no"}}, profile="critical")
    prompter = FakePrompter([], justification=None)
    session(path, qpath, prompter, dimension="B").run()
    assert prompter.ids == ["B-03"]
    step = prompter.shown[0]
    assert (step.number, step.of) == (2, 2)
    assert step.progress == Progress(answered=1, na=0, unanswered=4)


def test_carried_answers_are_asked_again_and_confirmed_by_answering(
    files: Callable[..., tuple[Path, Path]],
) -> None:
    path, qpath = files(
        {"A-01": {"value": 2}, "A-02": {"value": 2, "note": "old", "carried_from": "2024"}}
    )
    prompter = FakePrompter([Give(3)])
    session(path, qpath, prompter).run()
    assert prompter.ids[0] == "A-02"
    assert prompter.shown[0].current == Answer(value=2, note="old", carried_from="2024")
    # Confirming drops the mark and keeps the note that came with it.
    assert saved(path, qpath)["A-02"] == Answer(value=3, note="old")


def test_skip_leaves_a_question_open_and_back_returns_to_it(
    files: Callable[..., tuple[Path, Path]],
) -> None:
    path, qpath = files()
    prompter = FakePrompter([Command.skip, Give(1), Command.back, Command.back, Give(2)])
    outcome = session(path, qpath, prompter, dimension="A").run()
    # After the skipped A-01 is answered, the session goes on to the open A-03.
    assert prompter.ids == ["A-01", "A-02", "A-03", "A-02", "A-01", "A-03"]
    assert not outcome.finished
    assert outcome.open == ["A-03"]
    assert saved(path, qpath) == {"A-01": Answer(value=2), "A-02": Answer(value=1)}


def test_back_on_the_first_question_says_so(files: Callable[..., tuple[Path, Path]]) -> None:
    path, qpath = files()
    prompter = FakePrompter([Command.back, Command.guidance])
    session(path, qpath, prompter).run()
    assert prompter.ids == ["A-01", "A-01", "A-01"]
    assert prompter.messages == ["This is the first question of this session.", "guidance A-01"]


def test_not_applicable_needs_the_question_to_allow_it(
    files: Callable[..., tuple[Path, Path]],
) -> None:
    path, qpath = files({"A-01": {"value": 1}, "A-02": {"value": 1}, "A-03": {"value": 1}})
    prompter = FakePrompter([Command.na, Give("yes"), Command.na])
    session(path, qpath, prompter).run()
    # B-01 does not allow N/A: the command is ignored and the question asked again.
    assert prompter.ids == ["B-01", "B-01", "B-02"]
    assert saved(path, qpath)["B-02"] == NotApplicable(na=True, justification="No such systems")


def test_a_note_before_the_answer_is_saved_with_it(
    files: Callable[..., tuple[Path, Path]],
) -> None:
    path, qpath = files()
    prompter = FakePrompter([Command.extras, Give(2)])
    session(path, qpath, prompter).run()
    assert prompter.shown[1].note == "checked by audit"
    assert saved(path, qpath)["A-01"] == Answer(
        value=2, note="checked by audit", evidence=["Audit p. 4"]
    )


def test_a_note_on_an_answered_question_is_saved_at_once(
    files: Callable[..., tuple[Path, Path]],
) -> None:
    path, qpath = files({"A-01": {"value": 1}})
    prompter = FakePrompter([Command.extras], justification=None)
    session(path, qpath, prompter, review=True).run()
    assert saved(path, qpath)["A-01"] == Answer(
        value=1, note="checked by audit", evidence=["Audit p. 4"]
    )


def test_review_walks_through_answered_questions_only(
    files: Callable[..., tuple[Path, Path]],
) -> None:
    path, qpath = files({"A-03": {"value": 1}, "B-01": {"value": "no"}})
    prompter = FakePrompter([Give(1), Give("no")])
    session(path, qpath, prompter, review=True).run()
    assert prompter.ids == ["A-03", "B-01"]
    assert prompter.shown[0].current == Answer(value=1)


def test_an_unknown_dimension_is_refused(files: Callable[..., tuple[Path, Path]]) -> None:
    path, qpath = files()
    with pytest.raises(AssessError, match="unknown dimension 'Z'") as caught:
        session(path, qpath, FakePrompter([]), dimension="Z")
    assert caught.value.hint == "dimensions of mini@1.0 are A, B"


def test_unanswered_and_carried_questions_need_an_answer() -> None:
    assert needs_answer(NOT_ANSWERED)
    assert not needs_answer(Answer(value=0))
    assert needs_answer(Answer(value=0, carried_from="2024"))


def _questionnaire(tmp_path: Path, data: dict[str, Any]) -> Questionnaire:
    path = tmp_path / f"q-{data['version']}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return load_questionnaire(path)


def test_values_typed_on_the_command_line(tmp_path: Path) -> None:
    data = small_questionnaire()
    checklist = multi("A-04", [{"value": "a", "label": "Alpha"}])
    data["dimensions"][0]["questions"] += [checklist, number("A-05", level=2)]
    q = _questionnaire(tmp_path, data)

    def parse(qid: str, text: str) -> object:
        question = q.question(qid)
        assert question is not None
        return question.parse(text)

    assert parse("A-01", "2") == 2
    assert parse("A-01", "largely") == 2
    assert parse("A-01", "7") == 7
    assert parse("B-01", "Yes") == "yes"
    assert parse("A-04", "a, b,") == ["a", "b"]
    assert parse("A-04", "") == []
    assert parse("A-05", "12") == 12
    assert parse("A-05", "1.5") == 1.5
    with pytest.raises(AssessError, match="'soon' is not a number"):
        parse("A-05", "soon")


def test_carry_forward_follows_renamed_ids_and_reports_what_it_drops(tmp_path: Path) -> None:
    new = small_questionnaire(version="2.0")
    new["dimensions"][0]["questions"][0]["previous_ids"] = ["OLD-01"]
    new["dimensions"][1]["questions"][1]["allow_na"] = False
    q = _questionnaire(tmp_path, new)
    previous = AnswersFile.model_validate(
        {
            "questionnaire": {"id": "mini", "version": "1.0"},
            "organization": {"name": "Acme", "profile": "baseline"},
            "assessment": {"period": "2024", "date": "2024-11-20"},
            "answers": {
                "OLD-01": {"value": 2, "note": "kept", "evidence": ["doc"]},
                "A-02": {"value": 9},
                "B-02": {"na": True, "justification": "none"},
                "GONE-01": {"value": 1},
                "A-03": {"value": 3},
            },
        }
    )
    fresh = new_answers(q, org="Acme", profile="baseline", period="2025", date=dt.date(2025, 1, 1))
    result = carry_forward(previous, fresh, q)
    assert result.answers.answers == {
        "A-01": Answer(value=2, note="kept", evidence=["doc"], carried_from="2024"),
        "A-03": Answer(value=3, carried_from="2024"),
    }
    assert result.renamed == [("OLD-01", "A-01")]
    assert [old for old, _ in result.dropped] == ["A-02", "B-02", "GONE-01"]
    assert "not an option" in result.dropped[0][1].message
    assert "N/A is not allowed" in result.dropped[1][1].message
    assert str(result.dropped[2][1]) == "no such question in mini@2.0"


def test_take_describes_each_option_by_its_anchor_and_shows_references(
    files: Callable[..., tuple[Path, Path]], capsys: pytest.CaptureFixture[str]
) -> None:
    from assess.answering.prompt import _draw, _keys

    data = small_questionnaire()
    anchors = {0: "No register.", 1: "A register for HQ.", 2: "Most sites.", 3: "Every site."}
    data["dimensions"][0]["questions"][0]["anchors"] = anchors
    path, qpath = files(questionnaire=data)
    s = session(path, qpath, FakePrompter([]))
    first = s.step("A-01")
    # A question's own anchors are shown even where the scale's legend is not.
    _draw(first, _keys(first), legend=False, guidance=False, error=None)
    shown = capsys.readouterr().out
    assert "[1] Partially: A register for HQ." in shown
    assert "[3] Fully implemented: Every site." in shown
    assert "References: nist-csf-2.0 GV.RR-01" in shown
    # A question without anchors keeps the scale's own wording, shown as the legend.
    second = s.step("A-02")
    _draw(second, _keys(second), legend=True, guidance=False, error=None)
    assert "[1] Partially: Some of it." in capsys.readouterr().out
    _draw(second, _keys(second), legend=False, guidance=False, error=None)
    assert "Some of it." not in capsys.readouterr().out


def test_the_respondent_sees_why_questions_go_and_come_back(
    files: Callable[..., tuple[Path, Path]],
) -> None:
    path, qpath = files({"A-01": {"value": 1}, "A-02": {"value": 1}, "A-03": {"value": 1}})
    # B-01 yes brings B-02 in; back to B-01, no hides it again; then B-01 yes once more.
    prompter = FakePrompter([Give("yes"), Command.back, Give("no")])
    session(path, qpath, prompter).run()
    notices = [s.notices for s in prompter.shown]
    assert notices[0] == ('Not asked: B-02 applies only when B-01 is "Yes".',)
    assert notices[1] == ("Now asked, as their condition holds: B-02.",)
    assert prompter.ids == ["B-01", "B-02", "B-01"]
    assert prompter.shown[2].notices == ()
    # After "no", the session ends: B-02 is not asked, and nothing is left open.
    assert saved_ids(path, qpath) == ["A-01", "A-02", "A-03", "B-01"]


def test_keep_confirms_a_carried_answer_and_records_who(
    files: Callable[..., tuple[Path, Path]],
) -> None:
    path, qpath = files({"A-01": {"value": 2, "carried_from": "2024"}})
    answers, q = load_answers(path, [qpath])
    prompter = FakePrompter([Command.keep])
    Session(path, answers, q, prompter, by="Priya").run()
    entry = load_answers(path, [qpath])[0].answers["A-01"]
    assert isinstance(entry, Answer)
    assert (entry.value, entry.carried_from, entry.answered_by) == (2, None, "Priya")
    assert entry.answered_at is not None


def test_keep_does_nothing_on_an_unanswered_question(
    files: Callable[..., tuple[Path, Path]],
) -> None:
    path, qpath = files()
    prompter = FakePrompter([Command.keep])
    session(path, qpath, prompter).run()
    assert prompter.ids == ["A-01", "A-01"]
    assert saved_ids(path, qpath) == []


def saved_ids(path: Path, qpath: Path) -> list[str]:
    return list(load_answers(path, [qpath])[0].answers)


def test_a_session_with_nothing_to_ask_says_which_condition_hides_it(
    files: Callable[..., tuple[Path, Path]],
) -> None:
    data = small_questionnaire()
    data["dimensions"][1]["questions"] = [
        {**q, "when": {"question": "A-01", "in": [3]}} for q in data["dimensions"][1]["questions"]
    ]
    path, qpath = files({"A-01": {"value": 1}}, questionnaire=data)
    prompter = FakePrompter([])
    session(path, qpath, prompter, dimension="B").run()
    assert prompter.ids == []
    assert prompter.messages == [
        'Not asked: B-01, B-02 apply only when A-01 is "Fully implemented".'
    ]
