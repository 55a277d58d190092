"""Generate a realistic argmap corpus: N maps plus the agents and questions registries.

Each map has about 8 claims, 12 quotes and 5 positions, texts of the length real maps have, and valid
references, so that `argmap check` does all of its work (and finds little). Deterministic for a seed.

    python bench/generate.py OUT_DIR --maps 1000 [--agents 1000] [--questions 200] [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import random

WORDS = ("union integration sovereignty Moscow Minsk Kremlin treaty programs gas oil prices subsidies army "
         "border election protest sanctions regime opposition currency parliament constitution referendum "
         "elite economy loans market reform pressure summit roadmap agreement customs security alliance "
         "pipeline refinery tariffs media society identity language history memory neighbours balance "
         "dependence leverage negotiation concession promise delay crisis stability loyalty interests").split()
BASES = ["stated", "reported", "act", "inferred"]  # how each stance is known, as real maps say (C010)
STANCES = ["strongly-disagree", "disagree", "neutral", "agree", "strongly-agree", -2, -1, 0, 1, 2]


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return (" ".join(words)).capitalize() + "."


def _folded(text: str, indent: str) -> str:
    """A long text as a folded block scalar, wrapped near 100 columns like the real maps."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) > 96:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return ">-\n" + "".join(f"{indent}{part}\n" for part in lines)


def agent_id(i: int) -> str:
    return f"agent-{i:05d}"


def question_id(i: int) -> str:
    return f"question-{i:04d}"


def registries(agents: int, questions: int, rng: random.Random) -> tuple[str, str]:
    a = ["argmap: 1", "agents:"]
    for i in range(agents):
        a += [f"  - id: {agent_id(i)}", f"    name: Agent Number {i}", f"    aliases: [A. Number {i}]",
              "    kind: person", f"    description: {_sentence(rng, 6, 14)}"]
    q = ["argmap: 1", "questions:"]
    for i in range(questions):
        q += [f"  - id: {question_id(i)}", f"    proposition: {_sentence(rng, 8, 16)}"]
    return "\n".join(a) + "\n", "\n".join(q) + "\n"


def map_text(n: int, agents: int, questions: int, rng: random.Random) -> tuple[str, str]:
    map_id = f"author-{2000 + n % 24}-map-{n:05d}"
    author = agent_id(rng.randrange(agents))
    others = sorted({agent_id(rng.randrange(agents)) for _ in range(3)} - {author})
    speakers = ["author", *others]
    out = [
        "# yaml-language-server: $schema=../schema/map.schema.json",
        "argmap: 1",
        f"id: {map_id}",
        "",
        "source:",
        f"  title: {_sentence(rng, 5, 10)[:-1]}",
        f"  authors: [{author}]",
        "  outlet: The Bench Times",
        f"  date: {2000 + n % 24}-{1 + n % 12:02d}-{1 + n % 28:02d}",
        "  url: unknown",
        f"  text: article-{n:05d}.txt",
        "",
        f"agents: [{', '.join(others)}]",
        "",
        "thesis:",
        "  id: thesis",
        "  text: " + _folded(_sentence(rng, 25, 45), "    ").rstrip("\n"),
        "  by: author",
        "",
        "claims:",
    ]
    claim_ids = [f"claim-{k}" for k in range(rng.randint(6, 10))]
    said: dict[str, list[str]] = {who: [] for who in speakers}  # what each speaker asserts or says
    said["author"].append("thesis")
    for k, cid in enumerate(claim_ids):
        target = "thesis" if k < 3 else claim_ids[rng.randrange(k)]
        relation = "attacks" if rng.random() < 0.2 else "supports"
        who = speakers[k % len(speakers)]
        said[who].append(cid)
        out += [f"  - id: {cid}", "    text: " + _folded(_sentence(rng, 15, 35), "      ").rstrip("\n"),
                f"    by: {who}", f"    {relation}: [{target}]", ""]
    out.append("evidence:")
    nodes = ["thesis", *claim_ids]
    for k in range(max(len(nodes), rng.randint(10, 14))):
        grounds = [nodes[k % len(nodes)]] + ([rng.choice(nodes)] if rng.random() < 0.3 else [])
        who = rng.choice(speakers)
        said[who].append(f"quote-{k}")
        out += [f"  - id: quote-{k}", f'    quote: "{_sentence(rng, 12, 30)}"', f"    speaker: {who}",
                f"    grounds: [{', '.join(dict.fromkeys(grounds))}]", ""]
    out.append("positions:")
    held = set()
    for _ in range(rng.randint(4, 6)):
        who, question = rng.choice(speakers), question_id(rng.randrange(questions))
        if (who, question) in held or not said[who]:
            continue
        held.add((who, question))
        out += [f"  - agent: {who}", f"    question: {question}", f"    stance: {rng.choice(STANCES)}",
                f"    grounds: [{rng.choice(said[who])}]", f"    basis: {BASES[len(held) % len(BASES)]}", ""]
    return map_id, "\n".join(out).rstrip("\n") + "\n"


def generate(directory: str, maps: int, agents: int = 1000, questions: int = 200, seed: int = 1) -> list[str]:
    """Write the corpus into `directory` (created); returns the map files written."""
    rng = random.Random(seed)
    os.makedirs(directory, exist_ok=True)
    agents_text, questions_text = registries(agents, questions, rng)
    with open(os.path.join(directory, "agents.yaml"), "w", encoding="utf-8") as handle:
        handle.write(agents_text)
    with open(os.path.join(directory, "questions.yaml"), "w", encoding="utf-8") as handle:
        handle.write(questions_text)
    written = []
    for n in range(maps):
        map_id, text = map_text(n, agents, questions, rng)
        sub = os.path.join(directory, f"{n // 1000:02d}")  # a few subdirectories, as a real corpus grows
        os.makedirs(sub, exist_ok=True)
        path = os.path.join(sub, f"{map_id}.yaml")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory")
    parser.add_argument("--maps", type=int, default=1000)
    parser.add_argument("--agents", type=int, default=1000)
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    files = generate(args.directory, args.maps, args.agents, args.questions, args.seed)
    print(f"{len(files)} maps, {args.agents} agents, {args.questions} questions in {args.directory}")


if __name__ == "__main__":
    main()
