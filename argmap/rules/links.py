"""Links (L): claims of different maps joined in links.yaml. Each rule with its failing and passing example."""

from __future__ import annotations

from typing import Final

from argmap.rules.example import BOB_AGENTS, BOB_CLAIMS, BOB_EVIDENCE, OTHER, block, pair
from argmap.rules.rule import E, Rule, W

UNKNOWN_LINK_END: Final = Rule(
    "L001", "unknown-link-end", E, "A link names a map or a claim that does not exist.",
    "`from` and `to` in links.yaml are written MAP-ID#CLAIM-ID: the id of a map of the corpus, and "
    "the id of its thesis or of one of its claims. The hint suggests the closest id. When only some "
    "maps are checked (files named one by one), links to the maps left out are not reported.",
    pair({**OTHER, "links.yaml": block("""
              argmap: 1
              links:
                - from: example#cheap
                  to: other#cheep
                  relation: same
              """)},
         {**OTHER, "links.yaml": block("""
              argmap: 1
              links:
                - from: example#cheap
                  to: other#cheap
                  relation: same
              """)},
         show=("other.yaml:head", "links.yaml")))

SELF_LINK: Final = Rule(
    "L002", "self-link", E, "A link joins a claim to itself.",
    "A link relates two different claims; `from` and `to` name the same one, usually a copied line.",
    pair({**OTHER, "links.yaml": block("""
              argmap: 1
              links:
                - from: example#cheap
                  to: example#cheap
                  relation: same
              """)},
         {**OTHER, "links.yaml": block("""
              argmap: 1
              links:
                - from: example#cheap
                  to: other#cheap
                  relation: same
              """)},
         show=("other.yaml:head", "links.yaml")))

SAME_AND_OPPOSES: Final = Rule(
    "L003", "same-and-opposes", E, "Two claims are linked both `same` and `opposes`.",
    "`same` joins claims that make one point (in different words, by different people), `opposes` "
    "claims that contradict each other. Through a chain of `same` links both cannot hold: one of the "
    "links is wrong.",
    pair({**OTHER, "links.yaml": block("""
              argmap: 1
              links:
                - from: example#cheap
                  to: other#cheap
                  relation: same
                - from: other#cheap
                  to: example#cheap
                  relation: opposes
              """)},
         {**OTHER, "links.yaml": block("""
              argmap: 1
              links:
                - from: example#cheap
                  to: other#cheap
                  relation: same
              """)},
         show=("other.yaml:head", "links.yaml")))

SAME_JOINS_ATTACKERS: Final = Rule(
    "L004", "same-joins-attackers", E, "A chain of `same` links joins two claims of one map that attack each other.",
    "If A `same` B, and B `same` C, then A and C make one point; when A and C belong to one map where "
    "one attacks the other, a `same` link on the way is wrong (or the map's `attacks` is).",
    pair({**OTHER, "map.yaml:agents": BOB_AGENTS, "map.yaml:claims": BOB_CLAIMS,
          "map.yaml:evidence": BOB_EVIDENCE, "links.yaml": block("""
              argmap: 1
              links:
                - from: example#fails
                  to: other#thesis
                  relation: same
                - from: other#thesis
                  to: example#thesis
                  relation: same
              """)},
         {**OTHER, "map.yaml:agents": BOB_AGENTS, "map.yaml:claims": BOB_CLAIMS,
          "map.yaml:evidence": BOB_EVIDENCE, "links.yaml": block("""
              argmap: 1
              links:
                - from: example#fails
                  to: other#thesis
                  relation: opposes
                - from: other#thesis
                  to: example#thesis
                  relation: same
              """)},
         show=("map.yaml:claims", "other.yaml:head", "links.yaml")))

DUPLICATE_LINK: Final = Rule(
    "L005", "duplicate-link", W, "A link is written twice.",
    "The same two claims with the same relation (in either order, for the symmetric `same` and "
    "`opposes`) appear twice in links.yaml; keep one, and merge the notes.",
    pair({**OTHER, "links.yaml": block("""
              argmap: 1
              links:
                - from: example#cheap
                  to: other#cheap
                  relation: same
                - from: other#cheap
                  to: example#cheap
                  relation: same
              """)},
         {**OTHER, "links.yaml": block("""
              argmap: 1
              links:
                - from: example#cheap
                  to: other#cheap
                  relation: same
              """)},
         show=("other.yaml:head", "links.yaml")))
