"""Golden transcripts: conversations a career coach would grade, built turn by turn."""

from __future__ import annotations

from coffeechat.core.transcript import EngineInfo, SessionSettings, Transcript, Turn
from coffeechat.store.personas import load_library

LIBRARY = load_library()


def build(persona_id: str, minutes: float, exchanges: list[tuple[str, str]], trailing_user: str | None = None,
          persona_wpm: float = 150, prepared: list[str] | None = None) -> Transcript:
    persona = LIBRARY.get(persona_id).persona
    settings = SessionSettings(agreed_minutes=minutes, persona_wpm=persona_wpm, prepared_questions=prepared or [])
    clock = settings.clock
    turns: list[Turn] = []
    elapsed = 0.0

    def add(speaker, text):
        nonlocal elapsed
        seconds = clock.turn_seconds(speaker, text)
        turns.append(Turn(speaker=speaker, text=text, spoken_start=elapsed, spoken_seconds=seconds))
        elapsed += seconds

    for user, reply in exchanges:
        add("user", user)
        add("persona", reply)
    if trailing_user:
        add("user", trailing_user)
    return Transcript(id=f"golden-{persona_id}", persona=persona, persona_id=persona_id,
                      engine=EngineInfo(kind="offline"), settings=settings, turns=turns, status="finished")


def _p(persona_id: str, topic: str, *indexes: int) -> str:
    passages = LIBRARY.get(persona_id).persona.topic(topic)
    return " ".join(passages[i % len(passages)] for i in indexes)


SE = "software-engineer"


def strong() -> Transcript:
    return build(SE, 10, persona_wpm=130, exchanges=[
        ("Hi Priya, thanks so much for making the time. I'm a junior studying computer science at Pitt, and I'm trying "
         "to figure out whether backend engineering is right for me.",
         "Hi! Nice to meet you. Happy to help. Backend work is a great thing to be curious about, so ask me anything."),
        ("What does a typical week look like for you?", _p(SE, "typical_day", 0, 1)),
        ("You mentioned the route-optimisation service. What was the hardest part of working on it?",
         _p(SE, "challenges", 0, 1)),
        ("How did you get into software engineering in the first place?", _p(SE, "career_path", 0, 1)),
        ("What experiences would best prepare someone for a role like yours?", _p(SE, "preparation", 0, 1)),
        ("How do you see the field changing with AI coding assistants?", _p(SE, "trends", 0, 2)),
        ("You said reviewing code matters even more now. How do you review code that an assistant wrote?",
         "The thing is, I read it as if a new teammate wrote it: I check the tests first, then the edge cases, and I ask"
         " for a smaller change when a diff is too big to understand in one sitting."),
        ("What drew you to Tidewater, and what's the culture like?", _p(SE, "why_employer", 0) + " " + _p(SE, "culture", 0)),
        ("I know we're almost at time, so one last question: if you were in my position, what would you focus on this year?",
         _p(SE, "advice", 0, 1)),
        ("Is there anyone else you think I should talk to?",
         "You should talk to Marcus Bell, he moved from engineer to manager and is very open about it. I'll introduce you."),
        ("Thank you so much for your time, this was really helpful. I'll keep you posted on how my project goes.",
         "This was really nice. Good luck!"),
    ])


def closed_and_googleable() -> Transcript:
    short = "Yes, mostly."
    return build(SE, 20, [
        ("Hi.", "Hi! Nice to meet you. What made you want to chat?"),
        ("What does Tidewater Freight do?", "We make software that plans truck routes. It's on our website, though."),
        ("How many employees does Tidewater have?", "About 650. That's public."),
        ("When was the company founded?", "2012."),
        ("Do you like your job?", short),
        ("Is it stressful?", "Sometimes."),
        ("Do you work from home?", "Mostly, yes."),
        ("Where is the company headquartered?", "Pittsburgh."),
        ("Do you use Python?", "Yes."),
        ("Is there anyone else I should talk to?", "Marcus Bell, maybe."),
        ("Thanks for your time!", "Sure, good luck."),
    ])


def job_asker() -> Transcript:
    return build(SE, 20, [
        ("Hi Priya, I'm a recent graduate and I'm exploring backend roles, so I wanted to learn how you got started.",
         "Hi! Nice to meet you. Happy to help."),
        ("How did you get into software engineering?", _p(SE, "career_path", 0)),
        ("What does a typical week look like for you?", _p(SE, "typical_day", 0)),
        ("Are you hiring right now? Could you pass my resume along to your recruiter?",
         LIBRARY.get(SE).persona.lines.on_job_request),
        ("What skills matter most on your team?", _p(SE, "skills", 0)),
        ("Would you put in a good word for me with your manager?", "I'd rather not, honestly; I don't know your work yet."),
        ("Thank you for your time.", "Good luck."),
    ])


MC = "management-consultant"


def over_runner() -> Transcript:
    persona = LIBRARY.get(MC).persona
    long_q = ("I have a slightly longer question, because I have been thinking about this a lot over the past few months"
              " while I was preparing for recruiting season at school and talking to friends, ")
    return build(MC, 6, persona_wpm=110, exchanges=[
        ("Hi Daniel, thanks for meeting. I'm an engineering senior exploring consulting, and I hoped to hear about your path.",
         "Hi. Happy to help. Go ahead."),
        (long_q + "so how did you move from engineering into consulting?", _p(MC, "career_path", 0, 1, 2)),
        (long_q + "so what does a typical week look like for you?", _p(MC, "typical_day", 0, 1, 2)),
        (long_q + "so what has been the hardest part of the job?", _p(MC, "challenges", 0, 1, 2)),
        (long_q + "so what skills matter most?", _p(MC, "skills", 0, 1, 2) + " " + persona.lines.time_nearly_up),
        ("What trends are you seeing in your clients' industries?", _p(MC, "trends", 0, 1, 2) + " " + persona.lines.time_up),
        ("What is the culture like at Harlow & Pike?", _p(MC, "culture", 0, 1, 2) + " I really have to go."),
        ("And how should I prepare for case interviews?", _p(MC, "preparation", 0, 1, 2)),
        ("What advice would you give me?", _p(MC, "advice", 0, 1, 2)),
        ("Thanks so much, this was great.", persona.lines.goodbye),
    ])


def abrupt() -> Transcript:
    return build(SE, 25, [
        ("Hi Priya, I'm a CS junior at Pitt and I'm trying to decide whether to specialise in backend work.",
         "Hi! Nice to meet you. Ask away."),
        ("What does a typical week look like for you?", _p(SE, "typical_day", 0)),
        ("How did you get into software engineering?", _p(SE, "career_path", 0)),
        ("What's the most rewarding part of your work?", _p(SE, "rewarding", 0)),
        ("What skills matter most on your team?", _p(SE, "skills", 0)),
    ])
