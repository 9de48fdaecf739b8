"""Times the Python extractors that issue 5 names as claimdiff's peers on a list of articles.

    python3 scripts/python_peers.py FILE...          # prints one JSON object per peer

`scripts/bench-vs-python.sh` runs this in a virtual environment that holds the peers, on the
same synthetic articles it times claimdiff on. Each peer reads every file as one text, on one
core (none of them reads in parallel). A peer's first call builds its models and tables, so
each is called once on the first file before timing starts: what is timed is the peer at its
steady speed, which favours the peers.

The peers, and what each is asked:

- recognizers-numbers: `recognize_number(text, Culture.English)` (Recognizers-Text);
- recognizers-dates: `recognize_datetime(text, Culture.English)` (Recognizers-Text);
- dateparser: `search_dates(text, languages=["en"])` (naming the language spares it detecting
  one, which would make it slower);
- spacy-ner: the named entities of `en_core_web_sm` (spaCy's small English pipeline), or of
  the pipeline named by the environment variable SPACY_MODEL, with only the parts that finding
  entities needs switched on (the tagger and the parser are off, which favours spaCy). It is
  reported as missing when no such model is installed.
- spacy-full: the same entities from the pipeline as `spacy.load` gives it, every part on,
  which is how a user would most often call it.

Each line printed: {"peer", "status" ("ok" or "missing"), "why" (when missing), "files",
"bytes", "seconds" (CPU seconds of the timed calls), "mb_per_s", "found"}. "found" counts what the peer returned (numbers,
dates or entities), as a check that it read the text.
"""

import json
import os
import sys
import time


def load_peers():
    """Each peer's name and a function from text to what it found, or the reason it is missing."""
    peers = []
    try:
        from recognizers_number import recognize_number
        from recognizers_text import Culture

        peers.append(("recognizers-numbers", lambda text: recognize_number(text, Culture.English)))
    except ImportError as error:
        peers.append(("recognizers-numbers", f"not installed: {error}"))
    try:
        from recognizers_date_time import recognize_datetime
        from recognizers_text import Culture

        peers.append(("recognizers-dates", lambda text: recognize_datetime(text, Culture.English)))
    except ImportError as error:
        peers.append(("recognizers-dates", f"not installed: {error}"))
    try:
        from dateparser.search import search_dates

        peers.append(("dateparser", lambda text: search_dates(text, languages=["en"]) or []))
    except ImportError as error:
        peers.append(("dateparser", f"not installed: {error}"))
    model = os.environ.get("SPACY_MODEL", "en_core_web_sm")
    try:
        import spacy

        full = load_spacy_model(spacy, model, [])
        # Entities need only the recogniser and, in spaCy 3, the word vectors it may read.
        unneeded = [name for name in full.pipe_names if name not in ("ner", "tok2vec", "transformer")]
        ner = load_spacy_model(spacy, model, unneeded)
        version = f"spacy {spacy.__version__}, {model} {full.meta.get('version')}"
        print(f"{version}: spacy-ner runs {ner.pipe_names}, spacy-full {full.pipe_names}", file=sys.stderr)
        peers.append(("spacy-ner", lambda text: ner(text).ents))
        peers.append(("spacy-full", lambda text: full(text).ents))
    except (ImportError, OSError) as error:
        # spaCy raises OSError when the model package is not installed.
        why = f"model {model} not available: {str(error).splitlines()[0]}"
        peers.append(("spacy-ner", why))
        peers.append(("spacy-full", why))
    return peers


def load_spacy_model(spacy, model, disable):
    """The pipeline `model`, by spaCy's name for it, or else as the module that holds it.

    spaCy 2 finds a model package by its distribution's name; the copy of en_core_web_sm on PyPI
    is distributed under another name, so its module is imported instead.
    """
    try:
        return spacy.load(model, disable=disable)
    except OSError:
        import importlib

        try:
            package = importlib.import_module(model)
        except ImportError:
            raise OSError(f"no package or module named {model}") from None
        return package.load(disable=disable)


def main(paths):
    if not paths:
        print("usage: python_peers.py FILE...", file=sys.stderr)
        return 2
    texts = []
    for path in paths:
        with open(path, encoding="utf-8") as file:
            texts.append(file.read())
    total_bytes = sum(len(text.encode("utf-8")) for text in texts)
    for name, peer in load_peers():
        if isinstance(peer, str):
            print(json.dumps({"peer": name, "status": "missing", "why": peer}), flush=True)
            continue
        peer(texts[0])
        found = 0
        # CPU time of the process, all its threads: a per-core figure, like claimdiff's.
        started = time.process_time()
        for text in texts:
            found += len(peer(text))
        seconds = time.process_time() - started
        print(
            json.dumps(
                {
                    "peer": name,
                    "status": "ok",
                    "files": len(texts),
                    "bytes": total_bytes,
                    "seconds": round(seconds, 4),
                    "mb_per_s": round(total_bytes / seconds / 1e6, 5),
                    "found": found,
                }
            ),
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
