#!/usr/bin/env python3
"""Generate N synthetic news articles about diplomacy, deterministically (seeded).

    python bench/generate.py N OUTDIR [--seed 2025] [--jsonl]

Articles are made from templates and word lists: random pairs of countries, people with
offices, quantities in Western and Indian grouping, money in lakh/crore, millions and
billions, dates, quotes. They are for measuring speed, not quality: the texts are
plausible, not true. Each is written as a text file with the header block
(``url:``/``outlet:``/``published:``, ``---``) or, with ``--jsonl``, as one news-please
JSON Lines file.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

COUNTRIES: tuple[tuple[str, str, str], ...] = (
    # name, adjective, capital
    ("India", "Indian", "New Delhi"),
    ("Armenia", "Armenian", "Yerevan"),
    ("Kenya", "Kenyan", "Nairobi"),
    ("Vietnam", "Vietnamese", "Hanoi"),
    ("Canada", "Canadian", "Ottawa"),
    ("Indonesia", "Indonesian", "Jakarta"),
    ("Norway", "Norwegian", "Oslo"),
    ("Chile", "Chilean", "Santiago"),
    ("Egypt", "Egyptian", "Cairo"),
    ("Kazakhstan", "Kazakh", "Astana"),
    ("Peru", "Peruvian", "Lima"),
    ("South Korea", "South Korean", "Seoul"),
    ("Brazil", "Brazilian", "Brasilia"),
    ("Poland", "Polish", "Warsaw"),
    ("Ghana", "Ghanaian", "Accra"),
    ("Japan", "Japanese", "Tokyo"),
    ("France", "French", "Paris"),
    ("Mexico", "Mexican", "Mexico City"),
    ("Morocco", "Moroccan", "Rabat"),
    ("Finland", "Finnish", "Helsinki"),
    ("Malaysia", "Malaysian", "Kuala Lumpur"),
    ("Argentina", "Argentine", "Buenos Aires"),
    ("Greece", "Greek", "Athens"),
    ("Tanzania", "Tanzanian", "Dodoma"),
)
FIRST = (
    "Arvind",
    "Davit",
    "Samuel",
    "Tran",
    "Claire",
    "Budi",
    "Ingrid",
    "Matias",
    "Hossam",
    "Yerlan",
    "Rosa",
    "Min-jun",
    "Paulo",
    "Tomasz",
    "Abena",
    "Kenji",
    "Elodie",
    "Alejandro",
    "Youssef",
    "Aino",
    "Farid",
    "Lucia",
    "Nikos",
    "Neema",
    "Priya",
    "Omar",
    "Sofia",
    "Rafael",
    "Anya",
    "Kwame",
)
LAST = (
    "Mehra",
    "Karapetyan",
    "Mutai",
    "Hung",
    "Beaulieu",
    "Santoso",
    "Solheim",
    "Fuentes",
    "Abdel-Rahman",
    "Bekov",
    "Villanueva",
    "Park",
    "Azevedo",
    "Wrobel",
    "Owusu-Mensah",
    "Moriyama",
    "Laurent",
    "Ortega",
    "Benali",
    "Virtanen",
    "Rahman",
    "Pereyra",
    "Papadakis",
    "Mushi",
    "Iyer",
    "Haddad",
    "Lindqvist",
)
ROLES = (
    "Prime Minister",
    "President",
    "Foreign Minister",
    "Defence Minister",
    "Trade Minister",
    "Minister of Finance",
    "Energy Minister",
    "Deputy Prime Minister",
    "Ambassador",
)
ITEMS = (
    ("artillery shells", "shell"),
    ("assault rifles", "rifle"),
    ("armoured vehicles", "vehicle"),
    ("patrol boats", "boat"),
    ("training aircraft", "aircraft"),
    ("night-vision devices", "device"),
    ("radar sets", "radar"),
    ("rounds of ammunition", "round"),
)
FIELDS = (
    "agriculture",
    "culture",
    "science and technology",
    "energy",
    "tourism",
    "health",
    "education",
    "customs cooperation",
    "maritime security",
    "digital payments",
    "space research",
    "fisheries",
)
OUTLETS = ("Sample Wire", "The Synthetic Times", "Daily Template", "Bench Herald", "Generated Gazette")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
FILLER = (
    "Officials said the two sides also reviewed progress on earlier commitments and discussed regional "
    "developments, including shipping routes, climate finance and cooperation at the United Nations.",
    "Analysts said the move reflected a broader effort by both governments to diversify their partners, "
    "although they cautioned that implementation had often lagged behind announcements in the past.",
    "Trade between the two countries has grown steadily over the past decade, driven by machinery, "
    "pharmaceuticals, farm goods and services, according to figures released by the commerce ministry.",
    "The opposition criticised the government for what it called a lack of transparency and asked for "
    "the full texts of the documents to be placed before parliament before the end of the session.",
    "Business groups welcomed the announcement and said they expected new investment in ports, "
    "logistics and renewable energy, as well as more flights between the two capitals.",
)


@dataclass(frozen=True, slots=True)
class Article:
    name: str
    url: str
    outlet: str
    published: date
    title: str
    body: str

    @property
    def text(self) -> str:
        """The article as a text file: header block, ``---``, title, body."""
        return (
            f"url: {self.url}\noutlet: {self.outlet}\npublished: {self.published.isoformat()}\n---\n"
            f"{self.title}\n\n{self.body}\n"
        )

    def news_please(self) -> dict[str, str | None]:
        return {
            "id": self.name,
            "url": self.url,
            "title": self.title,
            "maintext": self.body,
            "date_publish": f"{self.published.isoformat()} 10:00:00",
            "source_domain": "bench.example.org",
            "language": "en",
        }


def indian(n: int) -> str:
    """Indian digit grouping: 601427 -> '6,01,427'."""
    s = str(n)
    if len(s) <= 3:
        return s
    head, tail = s[:-3], s[-3:]
    groups: list[str] = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([head, *groups, tail])


class Writer:
    """Builds one article from a seeded random source."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def person(self, country: tuple[str, str, str], role: str | None = None) -> tuple[str, str]:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}", role or self.rng.choice(ROLES)

    def quote(self) -> str:
        return self.rng.choice(
            (
                "This is a good day for both our peoples",
                "We have turned a long friendship into a practical partnership",
                "Nothing is signed until it is signed, but we are close",
                "The commission has become the engine of our economic relations",
                "We will not accept delays that put our security at risk",
                "Our farmers and engineers have much to teach each other",
            )
        )

    def filler(self, k: int) -> list[str]:
        return self.rng.sample(FILLER, k)

    def contract(self, a: tuple[str, str, str], b: tuple[str, str, str], day: str) -> tuple[str, list[str]]:
        plural, _ = self.rng.choice(ITEMS)
        qty = self.rng.randrange(1_000, 900_000)
        crore = self.rng.randrange(50, 20_000)
        qty_text = indian(qty) if a[0] == "India" else f"{qty:,}"
        money = f"Rs {crore:,} crore" if a[0] == "India" else f"${self.rng.randrange(20, 900)} million"
        buyer, buyer_role = self.person(a, "Defence Minister")
        seller, _ = self.person(b)
        title = f"{a[0]} and {b[0]} sign defence contract worth {money}"
        paras = [
            f"{a[0]} and {b[0]} on {day} signed a contract worth {money} for the supply of "
            f"{qty_text} {plural}, officials said in {a[2]}.",
            f"The contract was signed after talks between {buyer_role} {buyer} and his {b[1]} counterpart "
            f"{seller}. Deliveries are due to begin within {self.rng.randrange(2, 24)} months, and "
            f"{self.rng.randrange(2, 10)} lakh spare parts will be made locally.",
            f'"{self.quote()}," {buyer} told reporters after the signing.',
        ]
        return title, paras

    def mou_list(self, a: tuple[str, str, str], b: tuple[str, str, str], day: str) -> tuple[str, list[str]]:
        k = self.rng.randrange(3, 7)
        leader, role = self.person(a, "President")
        title = f"{a[0]} and {b[0]} sign {k} MoUs during state visit"
        items = [
            f"{i}. Memorandum of Understanding on cooperation in {f};"
            for i, f in enumerate(self.rng.sample(FIELDS, k), 1)
        ]
        paras = [
            f"{a[0]} and {b[0]} on {day} signed {k} memoranda of understanding during the state visit of "
            f"{a[1]} {role} {leader} to {b[2]}, the two governments said.",
            "The documents signed were:",
            "\n".join(items),
            f'"{self.quote()}," {leader} said at a joint press conference.',
        ]
        return title, paras

    def preview(self, a: tuple[str, str, str], b: tuple[str, str, str], day: str) -> tuple[str, list[str]]:
        leader, role = self.person(a, "Prime Minister")
        host, host_role = self.person(b, "President")
        minister, m_role = self.person(a, "Trade Minister")
        title = f"{a[0]} and {b[0]} expected to sign trade pact at {b[2]} summit next week"
        paras = [
            f"{a[1]} {role} {leader} will travel to {b[2]} next week for a summit with {b[1]} {host_role} "
            f"{host}, where the two countries are expected to sign a free trade agreement, officials said on "
            f"{day}.",
            f"Negotiators concluded talks after {self.rng.randrange(3, 12)} rounds.",
            f'"{self.quote()}," {m_role} {minister} told reporters.',
        ]
        return title, paras

    def call(self, a: tuple[str, str, str], b: tuple[str, str, str], day: str) -> tuple[str, list[str]]:
        x, xr = self.person(a, "Prime Minister")
        y, yr = self.person(b, "President")
        title = f"{a[1]} and {b[1]} leaders hold phone call"
        paras = [
            f"{a[1]} {xr} {x} held a phone call with {b[1]} {yr} {y} on {day}, the {xr}'s office said.",
            f"The two leaders discussed cooperation in {self.rng.choice(FIELDS)} and "
            f"{self.rng.choice(FIELDS)}, and agreed that their ministers would meet in {b[2]} next month.",
            f'"{self.quote()}," {x} said after the call.',
        ]
        return title, paras

    def commission(self, a: tuple[str, str, str], b: tuple[str, str, str], day: str) -> tuple[str, list[str]]:
        n = self.rng.randrange(2, 30)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        x, _ = self.person(a, "Minister of Trade")
        y, _ = self.person(b, "Deputy Prime Minister")
        title = f"{a[0]} and {b[0]} hold {n}{suffix} session of Joint Commission"
        paras = [
            f"{a[0]} and {b[0]} held the {n}{suffix} session of the {a[0]}-{b[0]} Joint Commission on Trade "
            f"and Economic Cooperation, which meets annually, in {b[2]} on {day}.",
            f"The session was co-chaired by {a[1]} Minister of Trade {x} and {b[1]} Deputy Prime "
            f"Minister {y}. The two sides signed a protocol and agreed to raise trade to "
            f"${self.rng.randrange(1, 9)}.{self.rng.randrange(0, 9)} billion by "
            f"{self.rng.randrange(2026, 2031)}.",
            f'"{self.quote()}," {y} said at the closing ceremony.',
        ]
        return title, paras

    def cancelled(self, a: tuple[str, str, str], b: tuple[str, str, str], day: str) -> tuple[str, list[str]]:
        plural, _ = self.rng.choice(ITEMS)
        minister, role = self.person(a, "Defence Minister")
        amount = self.rng.randrange(50, 900)
        title = f"{a[0]} cancels ${amount} million deal with {b[1]} supplier"
        paras = [
            f"{a[0]} has cancelled a ${amount} million contract with a {b[1]} company for "
            f"{self.rng.randrange(2, 40)} {plural}, the ministry said on {day}.",
            f"The contract, signed in {self.rng.randrange(2015, 2024)}, was terminated after "
            "repeated delays.",
            f'"{self.quote()}," {role} {minister} told lawmakers in {a[2]}.',
        ]
        return title, paras

    def denial(self, a: tuple[str, str, str], b: tuple[str, str, str], day: str) -> tuple[str, list[str]]:
        spokesperson, _ = self.person(a)
        title = f"{a[0]} denies signing deal with {b[0]}"
        paras = [
            f"{a[0]}'s foreign ministry on {day} denied reports that {a[0]} and {b[0]} had signed an "
            f"agreement on {self.rng.choice(FIELDS)}.",
            f'"No agreement has been signed," ministry spokesperson {spokesperson} said in a statement.',
        ]
        return title, paras

    def article(self, i: int, start: date) -> Article:
        a, b = self.rng.sample(COUNTRIES, 2)
        published = start + timedelta(days=self.rng.randrange(0, 1500))
        day = self.rng.choice(WEEKDAYS)
        kind = self.rng.choice(
            ("contract", "mou_list", "preview", "call", "commission", "cancelled", "denial")
        )
        title, paras = getattr(self, kind)(a, b, day)
        paras += self.filler(self.rng.randrange(2, 5))
        name = f"bench-{i:05d}-{kind}"
        return Article(
            name=name,
            url=f"https://bench.example.org/{name}",
            outlet=self.rng.choice(OUTLETS),
            published=published,
            title=title,
            body="\n\n".join(paras),
        )


def generate(n: int, *, seed: int = 2025) -> Iterator[Article]:
    """``n`` articles; the same ``seed`` gives the same articles."""
    writer = Writer(random.Random(seed))
    start = date(2021, 1, 1)
    for i in range(n):
        yield writer.article(i, start)


def write(articles: Iterator[Article], out: Path, *, jsonl: bool = False) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    if jsonl:
        path = out / "articles.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for art in articles:
                fh.write(json.dumps(art.news_please(), ensure_ascii=False) + "\n")
        return [path]
    paths = []
    for art in articles:
        path = out / f"{art.name}.txt"
        path.write_text(art.text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument(
        "--jsonl", action="store_true", help="write one news-please JSONL file instead of text files"
    )
    args = ap.parse_args(argv)
    paths = write(generate(args.n, seed=args.seed), args.out, jsonl=args.jsonl)
    print(f"wrote {args.n} articles to {args.out} ({len(paths)} file(s))")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
