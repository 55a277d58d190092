"""The corpus read as an abstract argumentation framework (Dung 1995), and which claims stand in it.

Arguments are the theses and claims of the maps, `MAP-ID#CLAIM-ID`. Claims joined by `same` links are one
argument (one point made in several maps): they share a label. Attacks are a map's `attacks`, the
`attacks` links, and both directions of an `opposes` link. By default support does not bear on attack
(`none`): the maps' supports are defeasible reasons, and treating them as entailments lets a plain factual
premise inherit every attack of what it supports. Two bipolar readings are options (Cayrol &
Lagasquie-Schiex): `deductive` ("supported attack": whoever supports an attacker, through any chain of
supports, attacks its target too) and `necessary` ("secondary attack": an attack on a claim reaches what
it supports, through any chain).

Grounded semantics is computed in linear time (a queue of unattacked arguments). Preferred and stable
extensions are found by a labelling search over the arguments the grounded labelling leaves undecided,
since every complete labelling agrees with the grounded one on what it decides: part by part (undecided
arguments that no attack joins are searched apart, and the counts multiply), in strongly connected
order, so that only arguments on attack cycles branch, within a budget of steps, time and memory.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from argmap.core.clusters import Clusters, split
from argmap.core.graphs import strong_components
from argmap.core.record import field, record
from argmap.model.maps import Corpus

IN, OUT, UNDEC = "in", "out", "undecided"
SUPPORT_MODES = ("deductive", "necessary", "none")
SEARCH_BUDGET = 200_000  # labelling steps for preferred and stable: beyond, they are reported as not computed


@record
class Framework:
    """Arguments and attacks. `members` lists the claims of each argument (a `same` cluster)."""

    arguments: list[str] = field(default_factory=list)
    attackers: dict[str, set[str]] = field(default_factory=dict)  # target -> its attackers
    why: dict[tuple[str, str], str] = field(default_factory=dict)  # (attacker, target) -> where it comes from
    members: dict[str, list[str]] = field(default_factory=dict)
    argument_of: dict[str, str] = field(default_factory=dict)  # claim -> its argument
    texts: dict[str, str] = field(default_factory=dict)  # claim -> its text
    direct: set[tuple[str, str]] = field(default_factory=set)  # attacks as written, not derived through support
    # claim -> (who makes it, by name; whether that is an author of the claim's map): only for a corpus
    speakers: dict[str, tuple[str, bool]] = field(default_factory=dict)

    @property
    def attacks(self) -> int:
        """How many attacks there are between arguments (as written and derived through support)."""
        return sum(len(a) for a in self.attackers.values())

    def add_argument(self, name: str) -> None:
        if name not in self.attackers:
            self.arguments.append(name)
            self.attackers[name] = set()

    def add_attack(self, attacker: str, target: str, why: str) -> None:
        self.attackers[target].add(attacker)
        self.why.setdefault((attacker, target), why)

    def targets(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {a: [] for a in self.arguments}
        for target, attackers in self.attackers.items():
            for attacker in attackers:
                out[attacker].append(target)
        return out


def from_attacks(arguments: Iterable[str], attacks: Iterable[tuple[str, str]]) -> Framework:
    """A plain framework (for tests and benchmarks): each argument its own claim."""
    framework = Framework()
    for name in arguments:
        framework.add_argument(name)
        framework.members[name] = [name]
        framework.argument_of[name] = name
    for attacker, target in attacks:
        framework.add_attack(attacker, target, "attacks")
    return framework


def build(corpus: Corpus, only_map: str | None = None, support: str = "none") -> Framework:
    """The framework of the corpus (or of the map `only_map`, without links to other maps)."""
    maps = [m for m in corpus.maps if m.id and (only_map is None or m.id == only_map)]
    claims = {f"{m.id}#{n.id}": n for m in maps for n in m.nodes if n.id}
    by_map = {m.id: m for m in maps}
    links = [link for link in corpus.links
             if link.source.id in claims and link.target.id in claims and link.source.id != link.target.id]
    clusters = Clusters()
    for name in claims:
        clusters.add(name)
    for link in links:
        if link.relation.id == "same":
            clusters.join(link.source.id, link.target.id)
    framework = Framework()
    for name, node in claims.items():
        argument = clusters.find(name)
        framework.add_argument(argument)
        framework.members.setdefault(argument, []).append(name)
        framework.argument_of[name] = argument
        framework.texts[name] = node.text
        m = by_map[split(name)[0]]
        speaker = m.agent_id(node.by.id)
        framework.speakers[name] = (corpus.agent_name(speaker), speaker in m.author_ids)
    arg = framework.argument_of
    direct: list[tuple[str, str, str]] = []  # attacker, target, why (between arguments)
    supports: dict[str, set[str]] = {}  # supporter -> supported
    for m in maps:
        for node in m.nodes:
            here = f"{m.id}#{node.id}"
            if here not in claims:
                continue
            for ref in node.attacks:
                there = f"{m.id}#{ref.id}"
                if there in claims:
                    direct.append((arg[here], arg[there], f"{here} attacks {there} in its map"))
            for ref in node.supports:
                there = f"{m.id}#{ref.id}"
                if there in claims and arg[here] != arg[there]:
                    supports.setdefault(arg[here], set()).add(arg[there])
    for link in links:
        a, b, relation = link.source.id, link.target.id, link.relation.id
        where = f"{link.path}:{link.line}" if link.path else "links"
        if relation == "attacks":
            direct.append((arg[a], arg[b], f"{a} attacks {b} ({where})"))
        elif relation == "opposes":
            direct.append((arg[a], arg[b], f"{a} opposes {b} ({where})"))
            direct.append((arg[b], arg[a], f"{b} opposes {a} ({where})"))
        elif relation == "supports" and arg[a] != arg[b]:
            supports.setdefault(arg[a], set()).add(arg[b])
    for attacker, target, why in direct:
        framework.add_attack(attacker, target, why)
        framework.direct.add((attacker, target))
    if support == "deductive":
        # whoever supports the attacker, through any chain of supports, attacks its target too
        supported_by: dict[str, set[str]] = {}
        for supporter, supported in supports.items():
            for s in supported:
                supported_by.setdefault(s, set()).add(supporter)
        for attacker, target, _ in direct:
            for premise in _reach(attacker, supported_by):
                framework.add_attack(premise, target,
                                     f"{premise} supports (through a chain of supports) {attacker}, which attacks {target}")
    elif support == "necessary":
        for attacker, target, _ in direct:
            for conclusion in _reach(target, supports):
                framework.add_attack(attacker, conclusion,
                                     f"{attacker} attacks {target}, which supports (through a chain) {conclusion}")
    return framework


def _reach(start: str, edges: dict[str, set[str]]) -> Iterator[str]:
    """Everything reachable from `start` along `edges`, `start` excepted (iterative: chains may be long)."""
    seen = {start}
    stack = [start]
    while stack:
        for nxt in edges.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
                yield nxt


# -- semantics --------------------------------------------------------------------------------------


def grounded(framework: Framework) -> dict[str, str]:
    """The grounded labelling: in what no one can argue away, out what an `in` argument attacks, the
    rest undecided. Linear in arguments and attacks."""
    targets = framework.targets()
    waiting = {a: len(framework.attackers[a]) for a in framework.arguments}  # attackers not yet out
    label: dict[str, str] = {}
    queue = [a for a in framework.arguments if waiting[a] == 0]
    for a in queue:
        label[a] = IN
    while queue:
        a = queue.pop()
        for t in targets[a]:
            if t in label:
                continue
            label[t] = OUT
            for u in targets[t]:
                waiting[u] -= 1
                if waiting[u] == 0 and u not in label:
                    label[u] = IN
                    queue.append(u)
    return {a: label.get(a, UNDEC) for a in framework.arguments}


@record
class Extensions:
    """The complete labellings a search found, and whether it finished within its budget."""

    preferred: list[frozenset[str]]  # the `in` set of each preferred labelling
    stable: list[frozenset[str]]
    finished: bool
    stopped: str = ""  # which budget ended the search: "steps", "time" or "memory"


SEARCH_SECONDS = 10.0  # wall-clock time for preferred and stable
STEPS_PER_ARGUMENT = 16  # more steps for each undecided argument: parts searched apart cost steps in proportion
SEARCH_HELD = 2_000_000  # arguments held in the labellings found so far (their memory)


class Budget:
    """What the search may spend: labelling steps, seconds, and arguments held in the labellings it keeps.
    Shared by every part of the framework searched; `stopped` names the one that ran out."""

    def __init__(self, steps: int = SEARCH_BUDGET, seconds: float = SEARCH_SECONDS, held: int = SEARCH_HELD,
                 per_argument: int = STEPS_PER_ARGUMENT) -> None:
        import time

        self.steps, self.seconds, self.held, self.per_argument = steps, seconds, held, per_argument
        self.deadline = time.monotonic() + seconds
        self.used = 0
        self.holding = 0
        self.stopped = ""

    def step(self) -> bool:
        self.used += 1
        if self.used > self.steps:
            self.stopped = "steps"
        elif self.used & 1023 == 0:
            import time

            if time.monotonic() > self.deadline:
                self.stopped = "time"
        return not self.stopped

    def hold(self, n: int) -> bool:
        self.holding += n
        if self.holding > self.held:
            self.stopped = "memory"
        return not self.stopped

    def describe(self) -> str:
        return {"steps": f"{self.steps:,} labelling steps", "time": f"{self.seconds:g} s",
                "memory": f"{self.held:,} arguments held in the labellings found"}.get(self.stopped, "")


@record
class Part:
    """One part of the undecided arguments that no attack joins to another part: its preferred and
    stable `in` sets. The framework's extensions are the grounded `in` set with one of each part's."""

    arguments: list[str]
    preferred: list[frozenset[str]]
    stable: list[frozenset[str]]


def _parts(framework: Framework, labels: dict[str, str]) -> list[list[str]]:
    """The undecided arguments split where no attack joins them (weakly connected components): each part
    is searched alone, so a thousand pairs that attack each other cost a thousand small searches instead of
    one over 3^1000 labellings."""
    open_args = [a for a in framework.arguments if labels[a] == UNDEC]
    inside = set(open_args)
    neighbours: dict[str, list[str]] = {a: [] for a in open_args}
    for a in open_args:
        for b in framework.attackers[a]:
            if b in inside and b != a:
                neighbours[a].append(b)
                neighbours[b].append(a)
    seen: set[str] = set()
    parts = []
    for a in open_args:
        if a in seen:
            continue
        seen.add(a)
        part, stack = [], [a]
        while stack:
            x = stack.pop()
            part.append(x)
            for y in neighbours[x]:
                if y not in seen:
                    seen.add(y)
                    stack.append(y)
        parts.append(part)
    return parts


def search(framework: Framework, grounded_labels: dict[str, str] | None = None,
           budget: Budget | None = None) -> tuple[frozenset[str], list[Part], Budget]:
    """The grounded `in` set and each part's preferred and stable sets; the budget says if it stopped."""
    labels = grounded_labels or grounded(framework)
    budget = budget or Budget()
    base = frozenset(a for a, lab in labels.items() if lab == IN)
    parts = []
    found_parts = _parts(framework, labels)
    # A thousand small parts are linear work: the step budget bounds the search of a hard part, not that.
    budget.steps += budget.per_argument * sum(len(p) for p in found_parts)
    for arguments in found_parts:
        found = _search_part(framework, arguments, budget)
        if found is None:
            break
        parts.append(Part(arguments, *found))
    return base, parts, budget


def extensions(framework: Framework, grounded_labels: dict[str, str] | None = None,
               budget: int = SEARCH_BUDGET) -> Extensions:
    """Preferred and stable extensions (as `in` sets), every one listed: for small frameworks (their
    number is the product of the parts'); `evaluate` works part by part instead."""
    import itertools

    base, parts, spent = search(framework, grounded_labels, Budget(steps=budget))
    if spent.stopped:
        return Extensions([], [], False, spent.stopped)
    preferred = [base.union(*combo) for combo in itertools.product(*(p.preferred for p in parts))]
    stable = [base.union(*combo) for combo in itertools.product(*(p.stable for p in parts))]
    return Extensions(preferred, stable, True)


def _search_part(framework: Framework, open_args: list[str], budget: Budget
                 ) -> tuple[list[frozenset[str]], list[frozenset[str]]] | None:
    """A labelling search over one part; None when the budget ran out."""
    inside = set(open_args)
    attackers = {a: [b for b in framework.attackers[a] if b in inside] for a in open_args}
    order = _scc_order(open_args, attackers)
    position = {a: i for i, a in enumerate(order)}
    # Each argument's labelling is checked once it and all its attackers are labelled.
    check_at: dict[int, list[str]] = {}
    for a in order:
        check_at.setdefault(max([position[a]] + [position[b] for b in attackers[a]]), []).append(a)
    label: dict[str, str] = {}
    complete: list[frozenset[str]] = []
    undecided_free: list[bool] = []

    def legal(a: str) -> bool:
        seen = [label[b] for b in attackers[a]]
        if label[a] == IN:
            return all(s == OUT for s in seen)
        if label[a] == OUT:
            return IN in seen
        return IN not in seen and not all(s == OUT for s in seen)

    # Iterative depth-first search: a framework's cycles can be long.
    stack: list[tuple[int, list[str]]] = [(0, _choices(order[0], attackers, label))]
    while stack:
        i, choices = stack[-1]
        if not choices:
            stack.pop()
            label.pop(order[i], None)
            continue
        if not budget.step():
            return None
        label[order[i]] = choices.pop()
        if not all(legal(a) for a in check_at.get(i, ())):
            continue
        if i + 1 == len(order):
            ins = frozenset(a for a in order if label[a] == IN)
            if not budget.hold(len(ins) + 1):
                return None
            complete.append(ins)
            undecided_free.append(all(label[a] != UNDEC for a in order))
            continue
        stack.append((i + 1, _choices(order[i + 1], attackers, label)))
    stable = [ins for ins, full in zip(complete, undecided_free, strict=True) if full]
    return _maximal(complete, frozenset()), stable


def _choices(a: str, attackers: dict[str, list[str]], label: dict[str, str]) -> list[str]:
    """The labels left to try for `a` (popped from the end): one when its attackers are all labelled."""
    seen = [label.get(b) for b in attackers[a]]
    if None not in seen:
        if IN in seen:
            return [OUT]
        return [IN] if all(s == OUT for s in seen) else [UNDEC]
    return [UNDEC, OUT, IN]


def _maximal(sets: list[frozenset[str]], base: frozenset[str]) -> list[frozenset[str]]:
    unique = sorted(set(sets), key=len, reverse=True)
    out: list[frozenset[str]] = []
    for s in unique:
        if not any(s < kept for kept in out):
            out.append(s)
    return [base | s for s in out]


def _scc_order(nodes: list[str], attackers: dict[str, list[str]]) -> list[str]:
    """The arguments with each strongly connected component after the components that attack it, so
    that most arguments find their attackers labelled. Tarjan over attacker edges finishes a component
    after the components it reaches (its attackers)."""
    return [a for component in strong_components(nodes, attackers) for a in component]


# -- the verdict per claim --------------------------------------------------------------------------


@record
class Verdict:
    """Each claim's label under each semantics, and the chain of attacks that decides its grounded label."""

    framework: Framework
    labels: dict[str, dict[str, str]]  # semantics -> claim -> in/out/undecided
    credulous: dict[str, set[str]]  # semantics -> claims in at least one extension
    counts: dict[str, int]  # semantics -> number of extensions
    finished: bool
    chains: dict[str, list[str]]  # claim -> steps explaining its grounded label
    stopped: str = ""  # when not finished: which budget ended the search, as a person reads it


def evaluate(framework: Framework, budget: int | Budget = SEARCH_BUDGET) -> Verdict:
    ground = grounded(framework)
    spend = budget if isinstance(budget, Budget) else Budget(steps=budget)
    base, parts, spent = search(framework, ground, spend)
    finished = not spent.stopped
    by_argument: dict[str, dict[str, str]] = {"grounded": ground}
    credulous: dict[str, set[str]] = {"grounded": {a for a, lab in ground.items() if lab == IN}}
    counts = {"grounded": 1}
    targets = framework.targets()
    if finished:
        for name in ("preferred", "stable"):
            per_part = [getattr(p, name) for p in parts]
            count = 1
            # k ** m per distinct number of sets: a product taken part by part over 100,000 parts is quadratic
            for k, m in Counter(len(sets) for sets in per_part).items():
                count *= k ** m
            counts[name] = count
            by_argument[name] = _sceptical_parts(framework, ground, parts, name, count, targets)
            credulous[name] = set(base).union(*(s for sets in per_part for s in sets)) if count else set()
    labels = {s: {c: per[framework.argument_of[c]] for c in framework.argument_of} for s, per in by_argument.items()}
    cred = {s: {c for c in framework.argument_of if framework.argument_of[c] in args} for s, args in credulous.items()}
    chains = {c: _chain(framework, ground, framework.argument_of[c]) for c in framework.argument_of}
    return Verdict(framework, labels, cred, counts, finished, chains, spent.describe())


def unanswered_defeats(verdict: Verdict) -> dict[str, str]:
    """Claim -> the claim that defeats it, for each claim that is grounded out only because of attackers
    that nothing attacks and that no author makes (a leader's public line quoted in a map, say): the
    corpus records no answer to them, which says what the maps leave out, not which claim is right.
    Only for a corpus (a framework file has no speakers)."""
    framework, ground = verdict.framework, verdict.labels["grounded"]
    argument_ground = {framework.argument_of[c]: label for c, label in ground.items()}
    out: dict[str, str] = {}
    for claim, label in ground.items():
        if label != OUT:
            continue
        winners = sorted(b for b in framework.attackers[framework.argument_of[claim]] if argument_ground.get(b) == IN)
        if not winners or any(framework.attackers[b] for b in winners):
            continue
        members = [m for b in winners for m in framework.members.get(b, [b])]
        if members and all(m in framework.speakers and not framework.speakers[m][1] for m in members):
            out[claim] = members[0]
    return out


def _sceptical_parts(framework: Framework, ground: dict[str, str], parts: list[Part], name: str, count: int,
                     targets: dict[str, list[str]]) -> dict[str, str]:
    """in: in every extension; out: attacked by every extension; else undecided (no extension: all
    undecided). Part by part: an undecided argument's attackers that count are in its own part."""
    if count == 0:
        return {a: UNDEC for a in framework.arguments}
    out = {a: (ground[a] if ground[a] != UNDEC else UNDEC) for a in framework.arguments}
    for part in parts:
        sets: list[frozenset[str]] = getattr(part, name)
        attacked = [{t for a in s for t in targets[a]} for s in sets]
        for a in part.arguments:
            if all(a in s for s in sets):
                out[a] = IN
            elif all(a in hit for hit in attacked):
                out[a] = OUT
    return out


def _chain(framework: Framework, ground: dict[str, str], argument: str, depth: int = 4) -> list[str]:
    """Why `argument` has its grounded label, a few steps deep: the `in` attacker that defeats it, the
    `out` attackers of one that stands, the undecided attacker that leaves it open."""
    steps: list[str] = []
    seen: set[str] = set()
    current: str | None = argument
    while current is not None and current not in seen and len(steps) < depth:
        seen.add(current)
        attackers = sorted(framework.attackers[current])
        label = ground[current]
        nxt: str | None = None
        if label == IN:
            if not attackers:
                steps.append(f"{current} is in: nothing attacks it")
                break
            beaten = ", ".join(f"{b} (out)" for b in attackers)
            steps.append(f"{current} is in: every attacker is out: {beaten}")
            nxt = attackers[0]
        elif label == OUT:
            # an attack as written explains better than one derived through support
            winner = min((b for b in attackers if ground[b] == IN), key=lambda b: (b, current) not in framework.direct)
            steps.append(f"{current} is out: {framework.why.get((winner, current), winner)}; the attacker is in")
            nxt = winner
        else:
            open_ = sorted((b for b in attackers if ground[b] == UNDEC), key=lambda b: (b, current) not in framework.direct)
            if current in framework.attackers[current]:
                steps.append(f"{current} is undecided: it attacks itself")
                break
            steps.append(f"{current} is undecided: {framework.why.get((open_[0], current), open_[0])}; "
                         "the attacker is undecided")
            nxt = open_[0]
        current = nxt
    return steps


def grounded_claims(corpus: Corpus, support: str = "none") -> dict[str, str]:
    """MAP#CLAIM -> its grounded label in the corpus read as one framework (graph --links, the report)."""
    framework = build(corpus, support=support)
    labels = grounded(framework)
    return {claim: labels[argument] for claim, argument in framework.argument_of.items()}


def split_claim(name: str) -> tuple[str, str]:
    return split(name)


# -- frameworks from other tools -------------------------------------------------------------------

FRAMEWORK_FORMATS = ("apx", "iccma", "tgf")


class FrameworkError(ValueError):
    """A framework file that does not read in the format it is in."""


def read_framework(text: str, fmt: str | None = None) -> Framework:
    """An abstract framework from the formats solvers exchange: ASPARTIX (`arg(a).` `att(a,b).`), ICCMA 2023
    (`p af N`, then `1 2` per attack; `#` comments) or Trivial Graph Format (nodes, `#`, then `a b` edges).
    `fmt` None: told from the text."""
    lines = [line.strip() for line in text.splitlines()]
    if fmt is None:
        first = next((line for line in lines if line and not (line.startswith("#") and line != "#")), "")
        fmt = "iccma" if first.startswith("p af") else "apx" if re.match(r"(arg|att)\s*\(", first) else "tgf"
    if fmt == "apx":
        return _apx(lines)
    if fmt == "iccma":
        return _iccma(lines)
    if fmt == "tgf":
        return _tgf(lines)
    raise FrameworkError(f"unknown framework format {fmt!r}: one of {', '.join(FRAMEWORK_FORMATS)}")


_APX = re.compile(r"^(arg|att)\s*\(\s*([^,()\s]+)\s*(?:,\s*([^,()\s]+)\s*)?\)\s*\.$")


def _apx(lines: list[str]) -> Framework:
    arguments: list[str] = []
    attacks: list[tuple[str, str]] = []
    for number, line in enumerate(lines, 1):
        if not line or line.startswith("%"):
            continue
        match = _APX.match(line)
        if not match or (match.group(1) == "arg") != (match.group(3) is None):
            raise FrameworkError(f"line {number}: expected arg(a). or att(a,b).")
        if match.group(1) == "arg":
            arguments.append(match.group(2))
        else:
            attacks.append((match.group(2), match.group(3)))
    return _checked(arguments, attacks)


MAX_ARGUMENTS = 1_000_000  # in a framework file: each costs memory whether attacked or not
_NUMBER = re.compile(r"[0-9]{1,18}")  # ASCII digits only: str.isdigit() accepts "²" and "٣"


def _iccma(lines: list[str]) -> Framework:
    count: int | None = None
    attacks: list[tuple[str, str]] = []
    for number, line in enumerate(lines, 1):
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if count is None:
            if parts[:2] != ["p", "af"] or len(parts) != 3 or not _NUMBER.fullmatch(parts[2]):
                raise FrameworkError(f"line {number}: expected the header p af N (N in digits 0-9)")
            count = int(parts[2])
            if count > MAX_ARGUMENTS:
                raise FrameworkError(f"line {number}: p af {count}: more arguments than argmap evaluates "
                                     f"(at most {MAX_ARGUMENTS:,})")
            continue
        if len(parts) != 2 or not all(_NUMBER.fullmatch(p) and 1 <= int(p) <= count for p in parts):
            raise FrameworkError(f"line {number}: expected two arguments from 1 to {count}")
        attacks.append((parts[0], parts[1]))
    if count is None:
        raise FrameworkError("no p af N header")
    return _checked([str(i) for i in range(1, count + 1)], attacks)


def _tgf(lines: list[str]) -> Framework:
    arguments: list[str] = []
    attacks: list[tuple[str, str]] = []
    edges = False
    for number, line in enumerate(lines, 1):
        if not line:
            continue
        if line == "#":
            edges = True
            continue
        parts = line.split()
        if edges:
            if len(parts) < 2:
                raise FrameworkError(f"line {number}: expected an edge: two node ids")
            attacks.append((parts[0], parts[1]))
        else:
            arguments.append(parts[0])
    return _checked(arguments, attacks)


def _checked(arguments: list[str], attacks: list[tuple[str, str]]) -> Framework:
    if len(arguments) > MAX_ARGUMENTS:
        raise FrameworkError(f"{len(arguments):,} arguments: more than argmap evaluates (at most {MAX_ARGUMENTS:,})")
    known = set(arguments)
    for a, b in attacks:
        for name in (a, b):
            if name not in known:
                raise FrameworkError(f"attack {a} -> {b} names {name!r}, which is not an argument")
    return from_attacks(dict.fromkeys(arguments), attacks)
