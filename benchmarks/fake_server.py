"""Run the tests' fake OpenAI-compatible server in its own process (so it does not share the
benchmark's interpreter lock). Prints its base URL, then serves until killed."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fake_openai import FakeOpenAI, Reply  # noqa: E402


def main() -> None:
    words = int(sys.argv[1])
    delay = float(sys.argv[2])
    sentence = ("The thing is, most weeks start with a planning meeting and then a lot of focused work on the "
                "routing service, with code review in the afternoon. ").split(" ")
    tokens = [sentence[i % len(sentence)] for i in range(words)]
    # paragraphs of about a hundred words, as a spoken answer written down would have
    text = "\n\n".join(" ".join(tokens[i:i + 100]) for i in range(0, words, 100))
    server = FakeOpenAI(Reply(text=text, chunk_delay=delay)).start()
    print(server.base_url, flush=True)
    time.sleep(3600)


if __name__ == "__main__":
    main()
