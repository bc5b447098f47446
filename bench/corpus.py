#!/usr/bin/env python3
"""Deterministic benchmark corpus: wire-style English news built from sitrep's knowledge base.

    python bench/corpus.py --n 20000 --seed 1 --out DIR [--format jsonl|html|warc]
                           [--shard-size 5000]

Writes N invented news articles (400-900 words, 5-12 paragraphs) whose actors, places and roles
come from the knowledge base YAML files in ``src/sitrep/data/kb`` (read with PyYAML; sitrep itself
is not imported). About 5% of the articles are syndicated copies of an earlier article and about 1%
are exact duplicates, as in real feeds.

Every random choice comes from ``random.Random`` instances seeded from ``--seed`` (one per article,
per page and per block of 100 articles), and gzip headers carry mtime 0, so the same ``--seed`` and
``--n`` give byte-identical output. Articles are written as they are made: memory stays constant.
"""

from __future__ import annotations

import argparse
import gzip
import html
import io
import json
import random
import re
import sys
import time
import unicodedata
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
KB_DIR = ROOT / "src" / "sitrep" / "data" / "kb"
FORMATS = ("jsonl", "html", "warc")
FIRST_DAY = date(2024, 1, 1)
LAST_DAY = date(2025, 12, 31)
MIN_WORDS, MAX_WORDS = 400, 900
MIN_PARAS, MAX_PARAS = 5, 12
BLOCK = 100  # duplicates are placed per block of 100 articles
EXACT_PER_BLOCK, SYNDICATED_PER_BLOCK = 1, 5
RECENT = 200  # how many earlier originals a copy may be taken from
CRAWL_EPOCH = "2026-01-01T00:00:00Z"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# ---------------------------------------------------------------------------------------------
# Outlets, reporters and page furniture (all invented)
# ---------------------------------------------------------------------------------------------

# name, kind, spelling, quote marks, dateline style, title case, honorifics, page layout
OUTLET_ROWS: tuple[tuple[str, str, str, str, str, bool, bool, int], ...] = (
    ("Northgate Wire", "wire", "uk", "curly", "wire", False, False, 0),
    ("Atlas Press Agency", "wire", "us", "straight", "ap", False, False, 1),
    ("Polar Star Agency", "wire", "uk", "curly", "wire", False, False, 2),
    ("Global Courier Service", "wire", "us", "curly", "wire", False, False, 0),
    ("The Meridian Herald", "paper", "us", "curly", "ap", True, True, 1),
    ("Caspian Ledger", "paper", "uk", "single", "plain", False, False, 2),
    ("Harborview Times", "paper", "us", "curly", "none", True, False, 0),
    ("The Daily Compass", "paper", "uk", "curly", "plain", False, False, 1),
    ("Continental Observer", "paper", "uk", "straight", "none", False, False, 2),
    ("The Evening Sentinel", "paper", "us", "curly", "ap", True, False, 0),
    ("Riverside Chronicle", "paper", "us", "straight", "none", True, False, 1),
    ("Pinnacle News Network", "broadcast", "us", "curly", "plain", False, False, 2),
    ("Eastbridge Post", "paper", "uk", "curly", "plain", False, False, 0),
    ("The Coastal Tribune", "paper", "us", "curly", "ap", True, True, 1),
    ("Summit World Report", "web", "us", "straight", "none", True, False, 2),
    ("Lantern Media", "web", "uk", "curly", "none", False, False, 0),
    ("The Weekly Beacon", "paper", "uk", "single", "none", False, False, 1),
    ("Crossroads Dispatch", "web", "us", "curly", "plain", False, False, 2),
    ("Bluewater Gazette", "paper", "us", "curly", "ap", True, False, 0),
    ("Frontline Bulletin", "web", "uk", "straight", "plain", False, False, 1),
    ("Orbit News Desk", "broadcast", "us", "curly", "none", False, False, 2),
    ("The Granite Journal", "paper", "us", "curly", "ap", True, True, 0),
    ("Westmark Record", "paper", "uk", "curly", "none", False, False, 1),
    ("Crescent Bay Examiner", "paper", "us", "straight", "ap", True, False, 2),
    ("The Open Register", "web", "uk", "curly", "plain", False, False, 0),
    ("Silverline News", "broadcast", "uk", "curly", "none", False, False, 1),
    ("Keystone International", "web", "us", "curly", "plain", False, False, 2),
    ("The Northern Monitor", "paper", "uk", "curly", "plain", False, False, 0),
    ("Amberfield Review", "web", "us", "straight", "none", True, False, 1),
    ("Vantage Point Daily", "web", "us", "curly", "none", True, False, 2),
)

REPORTER_FIRST = (
    "Anna",
    "David",
    "Leila",
    "Tomasz",
    "Grace",
    "Omar",
    "Mei",
    "Pavel",
    "Sofia",
    "Kwame",
    "Ines",
    "Rahul",
    "Hannah",
    "Yusuf",
    "Clara",
    "Mateo",
    "Nadia",
    "Jonas",
    "Aisha",
    "Lukas",
    "Priya",
    "Daniel",
    "Elena",
    "Samuel",
    "Farah",
    "Henrik",
    "Chloe",
    "Tariq",
    "Marta",
    "Kenji",
)
REPORTER_LAST = (
    "Kovacs",
    "Mendel",
    "Haddad",
    "Novak",
    "Okafor",
    "Lindqvist",
    "Tanaka",
    "Moreau",
    "Petrenko",
    "Alvarez",
    "Brennan",
    "Sato",
    "Karimi",
    "Whitfield",
    "Osei",
    "Ferreira",
    "Dahl",
    "Rossi",
    "Nakamura",
    "Abboud",
    "Castellano",
    "Hughes",
    "Iqbal",
    "Varga",
    "Mensah",
    "Lund",
    "Quinn",
    "Duarte",
    "Sokolova",
    "Barros",
)
SECTIONS = ("world", "politics", "diplomacy", "conflict", "security", "international")
NAV = ("Home", "World", "Politics", "Business", "Security", "Opinion", "Video", "Podcasts")

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
ORDINALS = ("first", "second", "third", "fourth", "fifth")

# Role and spelling variants: templates are written in British spelling; US outlets convert.
US_SPELLING = {
    "defence": "defense",
    "Defence": "Defense",
    "organisation": "organization",
    "organisations": "organizations",
    "Organisers": "Organizers",
    "organisers": "organizers",
    "criticise": "criticize",
    "criticised": "criticized",
    "criticising": "criticizing",
    "mobilise": "mobilize",
    "mobilised": "mobilized",
    "mobilising": "mobilizing",
    "mobilisation": "mobilization",
    "recognise": "recognize",
    "recognised": "recognized",
    "honour": "honor",
    "honoured": "honored",
    "neighbouring": "neighboring",
    "travelled": "traveled",
    "travelling": "traveling",
    "centre": "center",
    "programme": "program",
    "kilometres": "kilometers",
    "towards": "toward",
    "favour": "favor",
    "rumours": "rumors",
    "armoured": "armored",
    "stabilise": "stabilize",
    "emphasised": "emphasized",
    "normalise": "normalize",
    "normalisation": "normalization",
    "apologise": "apologize",
    "authorised": "authorized",
    "per cent": "percent",
    "labour": "labor",
    "offence": "offense",
}
_US_RE = re.compile(r"\b(" + "|".join(sorted(US_SPELLING, key=len, reverse=True)) + r")\b")


def americanize(text: str) -> str:
    return _US_RE.sub(lambda m: US_SPELLING[m.group(1)], text)


# ---------------------------------------------------------------------------------------------
# Verbs and events (PLOVER types). An event is "verb rest": SELF acts on OTHER.
# ---------------------------------------------------------------------------------------------

IRREGULAR = {  # base: (past, past participle, -ing)
    "meet": ("met", "met", "meeting"),
    "hold": ("held", "held", "holding"),
    "speak": ("spoke", "spoken", "speaking"),
    "send": ("sent", "sent", "sending"),
    "strike": ("struck", "struck", "striking"),
    "shoot": ("shot", "shot", "shooting"),
    "withdraw": ("withdrew", "withdrawn", "withdrawing"),
    "freeze": ("froze", "frozen", "freezing"),
    "put": ("put", "put", "putting"),
    "shut": ("shut", "shut", "shutting"),
    "expel": ("expelled", "expelled", "expelling"),
    "ban": ("banned", "banned", "banning"),
    "veto": ("vetoed", "vetoed", "vetoing"),
    "cut": ("cut", "cut", "cutting"),
    "travel": ("travelled", "travelled", "travelling"),
    "give": ("gave", "given", "giving"),
    "take": ("took", "taken", "taking"),
    "lay": ("laid", "laid", "laying"),
    "seek": ("sought", "sought", "seeking"),
    "break": ("broke", "broken", "breaking"),
    "step": ("stepped", "stepped", "stepping"),
    "ship": ("shipped", "shipped", "shipping"),
    "have": ("had", "had", "having"),
}


def verb_forms(base: str) -> tuple[str, str, str, str]:
    """(past, past participle, -ing, third person present) of an English verb."""
    if base in IRREGULAR:
        past, pp, ing = IRREGULAR[base]
    else:
        if base.endswith("e"):
            past = base + "d"
        elif base.endswith("y") and base[-2] not in "aeiou":
            past = base[:-1] + "ied"
        else:
            past = base + "ed"
        pp = past
        if base.endswith("ee") or base.endswith("ye"):
            ing = base + "ing"
        elif base.endswith("e"):
            ing = base[:-1] + "ing"
        else:
            ing = base + "ing"
    if base == "have":
        pres = "has"
    elif base.endswith(("s", "sh", "ch", "x", "z", "o")):
        pres = base + "es"
    elif base.endswith("y") and base[-2] not in "aeiou":
        pres = base[:-1] + "ies"
    else:
        pres = base + "s"
    return past, pp, ing, pres


POSITIVE = frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT", "AID", "RETREAT", "CONCEDE"})
# type: share of lead stories
EVENT_WEIGHTS = {
    "CONSULT": 17,
    "AGREE": 8,
    "COOPERATE": 4,
    "SUPPORT": 3,
    "AID": 6,
    "RETREAT": 2,
    "CONCEDE": 3,
    "REQUEST": 6,
    "ACCUSE": 10,
    "REJECT": 4,
    "THREATEN": 7,
    "PROTEST": 0,
    "SANCTION": 8,
    "MOBILIZE": 5,
    "COERCE": 5,
    "ASSAULT": 14,
}
# (type, subject kind, "verb rest", noun). Subject kinds: any (person, government or country),
# person, gov (government or country: the rest says "its"), mil (forces, government or country)
# and crowd. A noun ending in "s" is plural unless it has "of" in it.
EVENTS: tuple[tuple[str, str, str, str], ...] = (
    ("CONSULT", "person", "meet {OTHER} in {VENUE} to discuss {TOPIC}", "talks"),
    ("CONSULT", "any", "hold talks with {OTHER.gov} on {TOPIC}", "talks"),
    ("CONSULT", "any", "host {OTHER} for two days of talks on {TOPIC}", "visit"),
    ("CONSULT", "person", "speak by phone with {OTHER} about {TOPIC}", "phone call"),
    ("CONSULT", "person", "travel to {OTHER.cap} for talks on {TOPIC}", "visit"),
    ("CONSULT", "any", "send an envoy to {OTHER.cap} to discuss {TOPIC}", "mission"),
    ("CONSULT", "any", "open a new round of negotiations with {OTHER.gov} on {TOPIC}", "talks"),
    ("AGREE", "any", "sign an agreement with {OTHER.cty} on {TOPIC}", "agreement"),
    ("AGREE", "any", "reach a deal with {OTHER.gov} on {TOPIC}", "deal"),
    ("AGREE", "any", "agree to resume talks with {OTHER.gov} on {TOPIC}", "agreement"),
    ("AGREE", "any", "accept a ceasefire proposal put forward by {OTHER.gov}", "ceasefire"),
    (
        "AGREE",
        "any",
        "sign a memorandum of understanding with {OTHER.cty} on {TOPIC}",
        "memorandum",
    ),
    ("AGREE", "any", "agree with {OTHER.gov} on a roadmap for {TOPIC}", "roadmap"),
    ("COOPERATE", "any", "agree to share intelligence with {OTHER.cty}", "intelligence pact"),
    ("COOPERATE", "gov", "launch joint naval exercises with {OTHER.cty} in {SEA}", "exercises"),
    ("COOPERATE", "any", "restore full diplomatic relations with {OTHER.cty}", "rapprochement"),
    ("COOPERATE", "any", "expand trade and energy cooperation with {OTHER.cty}", "cooperation"),
    ("COOPERATE", "gov", "reopen its embassy in {OTHER.cap}", "embassy reopening"),
    ("COOPERATE", "gov", "resume direct flights to {OTHER.cap}", "resumption of flights"),
    ("SUPPORT", "any", "express support for {OTHER.gov} over {TOPIC}", "show of support"),
    ("SUPPORT", "any", "praise {OTHER.gov} for its handling of {TOPIC}", "praise"),
    ("SUPPORT", "any", "back {OTHER.cty}'s bid to join {BLOC}", "endorsement"),
    ("SUPPORT", "any", "offer to help {OTHER.cty} rebuild its power grid", "offer"),
    ("AID", "any", "pledge {MONEY} in humanitarian aid to {OTHER.cty}", "aid pledge"),
    ("AID", "gov", "send {TONNES} of food and medical supplies to {OTHER.cty}", "aid shipment"),
    ("AID", "any", "approve a {MONEY} military aid package for {OTHER.cty}", "aid package"),
    ("AID", "gov", "deliver air defence systems to {OTHER.cty}", "weapons delivery"),
    ("AID", "gov", "provide emergency loans worth {MONEY} to {OTHER.cty}", "loan"),
    ("REQUEST", "any", "call on {OTHER.gov} to {DEMAND}", "appeal"),
    ("REQUEST", "any", "urge {OTHER.gov} to {DEMAND}", "appeal"),
    ("REQUEST", "any", "demand that {OTHER.gov} {DEMAND}", "demand"),
    ("REQUEST", "any", "ask {OTHER.cty} to {DEMAND}", "request"),
    ("ACCUSE", "any", "accuse {OTHER.gov} of {ACCUSATION}", "accusations"),
    ("ACCUSE", "any", "blame {OTHER.gov} for {INCIDENT}", "accusations"),
    ("ACCUSE", "any", "condemn {OTHER.gov} over {INCIDENT}", "condemnation"),
    ("ACCUSE", "any", "criticise {OTHER.gov} for {ACCUSATION}", "criticism"),
    ("REJECT", "any", "reject a proposal from {OTHER.gov} on {TOPIC}", "rejection"),
    ("REJECT", "any", "refuse to meet {OTHER}", "snub"),
    ("REJECT", "gov", "veto a UN Security Council resolution drafted by {OTHER.cty}", "veto"),
    ("REJECT", "any", "dismiss demands by {OTHER.gov} to {DEMAND}", "rebuff"),
    ("REJECT", "any", "pull out of talks with {OTHER.gov} on {TOPIC}", "walkout"),
    ("THREATEN", "any", "threaten to cut off gas supplies to {OTHER.cty}", "threat"),
    ("THREATEN", "any", "warn {OTHER.gov} of a “firm response” to {INCIDENT}", "warning"),
    ("THREATEN", "any", "threaten to expel {OTHER.adj} diplomats", "threat"),
    ("THREATEN", "any", "threaten retaliation against {OTHER.cty} over {TOPIC}", "threat"),
    ("THREATEN", "any", "issue an ultimatum to {OTHER.gov} over {TOPIC}", "ultimatum"),
    ("THREATEN", "any", "warn {OTHER.gov} against any further provocations", "warning"),
    ("PROTEST", "crowd", "protest outside the {OTHER.adj} embassy in {SELF.cap}", "protests"),
    (
        "PROTEST",
        "crowd",
        "rally in {SELF.cap} to demand that the government cut ties with {OTHER.cty}",
        "rally",
    ),
    ("PROTEST", "crowd", "march on the {OTHER.adj} embassy in {SELF.cap}", "march"),
    ("PROTEST", "crowd", "burn {OTHER.adj} flags outside parliament in {SELF.cap}", "protest"),
    (
        "PROTEST",
        "crowd",
        "gather in central {SELF.cap} to denounce {OTHER.adj} policy in {R}",
        "demonstration",
    ),
    ("SANCTION", "any", "impose sanctions on {OTHER.adj} banks and energy companies", "sanctions"),
    ("SANCTION", "gov", "expel {NUM} {OTHER.adj} diplomats", "expulsions"),
    ("SANCTION", "any", "freeze {MONEY} in {OTHER.adj} state assets", "asset freeze"),
    ("SANCTION", "any", "ban imports of {OTHER.adj} steel and grain", "import ban"),
    ("SANCTION", "any", "suspend military cooperation with {OTHER.cty}", "suspension"),
    ("SANCTION", "gov", "recall its ambassador from {OTHER.cap}", "recall"),
    ("SANCTION", "gov", "close its airspace to {OTHER.adj} aircraft", "airspace closure"),
    ("SANCTION", "any", "blacklist {NUM} senior {OTHER.adj} officials", "blacklisting"),
    ("MOBILIZE", "mil", "deploy {TROOPS} to the border with {OTHER.cty}", "deployment"),
    (
        "MOBILIZE",
        "mil",
        "put its forces on high alert along the frontier with {OTHER.cty}",
        "alert",
    ),
    (
        "MOBILIZE",
        "mil",
        "move air defence systems closer to the border with {OTHER.cty}",
        "deployment",
    ),
    ("MOBILIZE", "gov", "call up reservists amid tensions with {OTHER.cty}", "call-up"),
    ("MOBILIZE", "mil", "send warships to {SEA}", "naval deployment"),
    ("MOBILIZE", "mil", "hold large-scale military drills near {R}", "drills"),
    ("COERCE", "gov", "arrest {NUM} {OTHER.adj} nationals on suspicion of espionage", "arrests"),
    ("COERCE", "gov", "detain a {OTHER.adj} journalist in {SELF.cap}", "detention"),
    ("COERCE", "mil", "seize a {OTHER.adj}-flagged tanker in {SEA}", "seizure"),
    ("COERCE", "gov", "expel a {OTHER.adj} military attaché", "expulsion"),
    ("COERCE", "gov", "shut down {OTHER.adj}-funded media outlets", "crackdown"),
    ("ASSAULT", "mil", "launch a wave of drone strikes on {OTHER.cap}", "drone strikes"),
    ("ASSAULT", "mil", "shell {OTHER.adj} positions near {R}", "shelling"),
    ("ASSAULT", "mil", "strike {F}", "strike"),
    ("ASSAULT", "mil", "fire missiles at targets in {OTHER.cty}", "missile attack"),
    ("ASSAULT", "mil", "attack {OTHER.adj} border posts", "attack"),
    ("ASSAULT", "mil", "carry out air strikes on {OTHER.adj} positions in {R}", "air strikes"),
    ("ASSAULT", "mil", "shoot down a {OTHER.adj} drone over {R}", "shootdown"),
    ("ASSAULT", "mil", "kill {NUMK} {OTHER.adj} soldiers in a cross-border raid", "raid"),
    ("RETREAT", "gov", "withdraw its troops from {R}", "withdrawal"),
    ("RETREAT", "gov", "pull its forces back from the border with {OTHER.cty}", "pullback"),
    ("RETREAT", "any", "hand over control of {F} to {OTHER.gov}", "handover"),
    ("RETREAT", "gov", "scale back its military presence in {OTHER.cty}", "drawdown"),
    ("CONCEDE", "any", "release {NUM} {OTHER.adj} prisoners", "prisoner release"),
    ("CONCEDE", "any", "ease restrictions on {OTHER.adj} goods", "easing of restrictions"),
    ("CONCEDE", "gov", "lift its blockade of {OTHER.adj} ports", "lifting of the blockade"),
    ("CONCEDE", "any", "return the bodies of {NUM} {OTHER.adj} soldiers", "repatriation"),
    ("CONCEDE", "any", "agree to a temporary ceasefire with {OTHER.gov}", "ceasefire"),
)
DENIABLE = frozenset(("ACCUSE", "ASSAULT", "COERCE"))
PLAN_UNFIT = frozenset(("ASSAULT", "PROTEST", "COERCE", "RETREAT"))
RESPONSES_NEG = ("ACCUSE", "THREATEN", "SANCTION", "REJECT", "MOBILIZE", "ASSAULT", "COERCE")
RESPONSES_POS = ("AGREE", "COOPERATE", "SUPPORT", "CONSULT", "CONCEDE")

# ---------------------------------------------------------------------------------------------
# Sentence templates. {A}, {B}: the two sides' leading people; {C}: a third party (an
# international official or a mediating government). In quote and speech templates {X} is the
# speaker's side and {Y} the other side. Slot attributes: .gov .cty .adj .cap .min .spk .forces
# .people .he .his .title .since ({A.he}: pronoun). {E.past} etc: the story's event, {E2} a second
# event by the same side, {R} the other side's response. Pools are filled recursively.
# ---------------------------------------------------------------------------------------------

SENTENCES: dict[str, tuple[str, ...]] = {
    "LEDE": (
        "{E.subj} {E.past} {DAY}, {AB.spk} said.",
        "{E.subj} {E.past} {DAY}, {AB.spk} said, {CONSEQ}.",
        "{E.subj} {E.past} {DAY}, according to {ANONSRC}.",
        "{E.subj} {E.past} {DAY}, the latest sign of {TREND}.",
        "{A} said {DAY} that {E.subj} had {E.pp}, {CONSEQ}.",
        "{E.subj} {E.past} {DAY}, {CONSEQ}, {AB.spk} said.",
        "{E.subj} {E.past} {DAY} in what {A.spk} called {PQ}.",
        "{E.subj} reportedly {E.past} {DAY}, {M} reported, citing {ANONSRC}.",
        "{DAY}, {E.subj} {E.past}, {AB.spk} said in a statement.",
        "{E.subj} {E.past} {DAY}, days after {R.subj} {R.past}.",
        "In a move that {MOVECL}, {E.subj} {E.past} {DAY}.",
        "{E.subj} {E.past} {DAY}, {AB.spk} told reporters in {AB.cap}.",
    ),
    "LEDEPLAN": (
        "{A} announced {DAY} that {E.subj} would {E.inf}, {CONSEQ}.",
        "{E.subj} moved {DAY} to {E.inf}, {A.spk} said, as {TRENDCL}.",
        "{E.subj} will {E.inf}, {A} said {DAY}, {CONSEQ}.",
    ),
    "LEDE2": (
        "The {E.noun} came {TIMING}.",
        "It was the first such step since {YEAR}, {ANONSRC} said.",
        "{B.gov} did not immediately respond to a request for comment.",
        "There was no immediate comment from {B.gov}.",
        "The announcement followed {NUMW} days of talks in {VENUE}.",
        "{A.spk} gave no further details.",
        "The move was expected to {EXPECT}.",
        "The {E.noun} {E.was} announced after a meeting of the national security council.",
        "Details of the {E.noun} were not made public.",
        "The {E.noun} {E.was} confirmed by {AB.min} in a brief statement.",
    ),
    "QUOTE": (
        "“{Q},” {X} said.",
        "“{Q},” said {X}.",
        "{X} said: “{Q}.”",
        "“{Q},” {X} told reporters in {X.cap}.",
        "“{Q},” {X} told {M}.",
        "“{Q}. {Q},” {X} said.",
        "“{Q},” {X} said. “{Q}.”",
        "“{Q},” {X} said, “{q}.”",
        "{X} wrote on social media: “{Q}.”",
        "“{Q},” {X} said in a statement.",
        "In a statement, {X.min} said: “{Q}.”",
        "“{Q},” {X} said in a televised address.",
        "{X} described the {E.noun} as {PQ}.",
        "“{Q},” {X.he} added.",
        "“{Q},” {X.he} said, adding that {CL}.",
        "{X}, speaking at a news conference in {X.cap}, said: “{Q}.”",
        "“{Q},” {X} said at a joint news conference in {VENUE}.",
        "Asked whether {ASKED}, {X} said: “{Q}.”",
        "“{Q},” {X} said of the {E.noun}.",
        "“{Q},” {X} said, according to a transcript released by {X.min}.",
        "“{Q},” {X} said in an interview with {M} on {DAYB}.",
        "“{Q} — {q},” said {X}.",
        "{X} told lawmakers: “{Q}.”",
        "“{Q},” {X} said during a visit to {VENUE}.",
        "{M} quoted {X} as saying: “{Q}.”",
        "“{Q},” {X.spk} said.",
        "According to {X}, “{q}.”",
        "“{Q}. {Q}. {Q},” {X} said.",
        "{X} called it {PQ} and said: “{Q}.”",
        "“{Q},” said {X}, who {XWHO}.",
        "“I want to be very clear: {q},” {X} said.",
    ),
    "QUOTE-": (
        "{X} struck a defiant tone. “{Q},” {X.he} said.",
        "“{Q},” an angry {X} told reporters.",
        "“{QQ}?” {X} asked. “{Q}.”",
    ),
    "QUOTE+": (
        "{X} sounded an upbeat note. “{Q},” {X.he} said.",
        "“{Q},” a smiling {X} told reporters after the talks.",
    ),
    "INDIRECT": (
        "{X} said that {CL}.",
        "{X} told reporters that {CL}.",
        "According to {X}, {CL}.",
        "{X} said {CL}, without giving details.",
        "{X} said {DAY} that {CL}.",
        "{X.spk} said in a statement that {CL}.",
        "{X} told {M} that {CL}.",
        "{X.he} added that {CL}.",
        "{X} insisted that {CL}.",
        "{X} stressed that {CL}, according to a readout published by {X.min}.",
        "{X} reiterated that {CL}.",
        "{X} also said that {CL}, and that {CL}.",
        "In remarks broadcast on state television, {X} said {CL}.",
        "{X} acknowledged that {CL} but said {CL}.",
        "{X} was quoted by {M} as saying that {CL}.",
        "According to a statement from {X.min}, {CL}.",
        "{X} did not say whether {ASKED}.",
        "{X} declined to say whether {ASKED}.",
        "{X} later told lawmakers that {CL}.",
        "Speaking in {X.cap}, {X} said {CL}.",
        "{X.he} said {CL}.",
        "{X.he} gave no timeline but said {CL}.",
    ),
    "ANON": (
        "{X.adj} officials said {CL}.",
        "A senior {X.adj} official, speaking on condition of anonymity, said {CL}.",
        "Two people familiar with the matter said {CL}.",
        "Diplomats in {VENUE} said {CL}.",
        "A Western diplomat said {CL}, but cautioned that {CAUTION}.",
        "Officials said {CL}.",
        "According to sources close to the talks, {CL}.",
        "Sources told {M} that {CL}.",
        "A person briefed on the discussions said {CL}, asking not to be named because the talks "
        "were private.",
        "Security sources said {E.subj} had {E.pp} {PAST}.",
        "An official who declined to be identified said {CL}.",
        "{M}, citing unnamed officials, reported that {CL}.",
        "Officials in {Y.cap} privately acknowledged that {CL}.",
        "Three sources with knowledge of the matter told {M} that {E2.subj} was preparing to "
        "{E2.inf}.",
    ),
    "REACT-": (
        "{B.gov} denied {ACCUSATION}.",
        "{B} rejected the accusations as {PQ}.",
        "{B.gov} denied any involvement in {INCIDENT}.",
        "{B} said {B.gov} was {PQA} by the {E.noun}.",
        "{B.spk} condemned the {E.noun}, calling the move {PQ}.",
        "{B.cty} vowed to respond, with {B} saying {B.gov} would {R.inf}.",
        "{B.gov} responded by {R.ing}, {B.spk} said.",
        "In response, {R.subj} {R.past} {DAY}.",
        "{B.spk} said {B.cty} had not yet decided whether to {R.inf}.",
        "{B} dismissed the {E.noun} as {PQ}, saying {B.gov} would not be {COERCED}.",
        "{B.min} summoned the {A.adj} ambassador over the {E.noun}.",
        "{B.gov} has denied the allegations, saying {CLB}.",
        "{B.spk} said {B.gov} would {HOW}.",
        "{B} accused {A.gov} of {ACCUSATION} and said {B.cty} would {R.inf} if {COND}.",
        "{B.gov} did not immediately comment on the {E.noun}.",
    ),
    "REACT+": (
        "{B.gov} welcomed the {E.noun}, with {B} calling it {PQ}.",
        "{B} said {B.gov} was ready to {COOPINF}.",
        "{B} said {B.gov} was {PQA} by the {E.noun}.",
        "{B.spk} described the {E.noun} as {PQ} but said more work was needed.",
        "In {B.cap}, the reaction was more cautious, with {B.spk} saying that {CLB}.",
        "{B} thanked {A} for the {E.noun} and said {CLB}.",
        "{B.gov} said it would {R.inf} in return.",
        "{B.gov} did not immediately comment on the {E.noun}.",
    ),
    "THIRD": (
        "{C}, who {CDID}, called on both sides to {DEMANDN}.",
        "{C} urged {A.gov} and {B.gov} to {DEMANDN}.",
        "{C.gov} said it was {PQA} by the {E.noun}.",
        "{C} said {CL}.",
        "{IGO} is due to discuss {TOPIC} {NEXT}.",
        "{C} is expected to travel to {A.cap} and {B.cap} {NEXT}.",
        "{C.gov} has offered to mediate between the two sides.",
        "Western governments have called for {CALLFOR}.",
        "{C} told a news conference in {C.cap} that {CL}.",
        "Members of {IGO} were divided over how to respond, diplomats said.",
        "{N} said {NCL}.",
        "{N} warned that {NCL}.",
        "{C} spoke by phone with {A} and {B} {DAY}, {C.spk} said.",
    ),
    "MODAL": (
        "{E2.subj} could {E2.inf} if {COND2}, {ANONSRC} said.",
        "{A} warned that {A.gov} would {E2.inf} if {B.gov} did not {DEMAND}.",
        "{B.gov} has not ruled out a decision to {R.inf}, {B.spk} said.",
        "{E2.subj} did not {E2.inf}, contrary to earlier reports.",
        "{R.subj} reportedly {R.past} {PAST}, although {B.gov} has not confirmed this.",
        "It was not clear whether {E2.subj} would {E2.inf}.",
        "{A.spk} denied reports that {E2.subj} was planning to {E2.inf}.",
        "Analysts said {A.cty} was unlikely to {E2.inf} before {NEXTEVENT}.",
        "If {R.subj} {R.past}, {A.cty} would probably {E2.inf}, {EXPERTS} said.",
        "{A} said {A.gov} would not {E2.inf} “for now”.",
        "{B.gov} may {R.inf} {NEXT}, {ANONSRC} said.",
        "{A} has so far refused to {E2.inf}, despite pressure from {C.gov}.",
        "There were no reports that {R.subj} had {R.pp}.",
        "{M} reported that {E2.subj} had also {E2.pp}, but {A.spk} declined to comment.",
        "Had the talks failed, {A.cty} would have {E2.pp}, {ANONSRC} said.",
        "Officials did not rule out that {E2.subj} could {E2.inf} {NEXT}.",
        "Neither government commented on reports that {R.subj} had {R.pp} {PAST}.",
    ),
    "BACKGROUND": (
        "Relations between {A.cty} and {B.cty} have been strained since {YEAR}, when {BGCL}.",
        "The two countries signed a {TREATY} in {YEAR}, but {BUT}.",
        "{A.cty} and {B.cty} have been at odds over {TOPIC2} for years.",
        "{A}, who became {A.title} in {A.since}, has promised to {PROMISE}.",
        "Trade between the two countries reached {MONEY} last year, according to official figures.",
        "{A.cty} is one of {B.cty}'s largest trading partners.",
        "{R} has been a flashpoint for years, with {COUNT} incidents recorded since {YEAR}.",
        "{F} has been at the centre of the dispute since {YEAR}.",
        "More than {COUNT} people have been killed in {R} since {YEAR}, according to {N}.",
        "The conflict has displaced about {MILLIONS} people, {N} says.",
        "{A.cty}'s economy has been hit hard by {HIT}, with inflation running at {PCT}.",
        "{B.cty} has long accused {A.gov} of {ACCUSATION}, a charge {A.cap} denies.",
        "In {YEAR}, {A.cty} and {B.cty} came close to open conflict over {R}.",
        "{B} has served as {B.title} since {B.since}.",
        "The last round of talks, held in {VENUE} {MONTHP}, ended without agreement.",
        "{A.cty} has kept {TROOPS} in {R} since {YEAR}, according to Western estimates.",
        "Both governments are under pressure at home, where {DOMESTIC}.",
        "The {E.noun} came after a year of {SERIES} between {A.cap} and {B.cap}.",
        "{G} has been active in {R} since {YEAR}.",
        "{G} has been blamed for a string of attacks in {R}, a charge it denies.",
    ),
    "CASUALTY": (
        "{KILLED} were killed and {WOUNDED} wounded, {CASSRC} said.",
        "The strike killed {KILLED}, including {NUMCHILD} children, according to {CASSRC}.",
        "{CASSRC} put the death toll at {KN}, but said it could rise.",
        "At least {KN} people were killed, {CASSRC} said, while {A.spk} said only military "
        "targets had been hit.",
        "{B.forces} reported shooting down {DRONEPAIR} drones launched overnight.",
        "Air raid sirens sounded across {B.cap} for {NUMW} hours.",
    ),
    "CASUALTY2": (
        "Rescue workers were searching for survivors under the rubble in {B.cap}, {CASSRC} said.",
        "The attack damaged {DAMAGE}, {CASSRC} said.",
        "There was no independent confirmation of the casualty figures.",
        "Video posted on social media, which {OUTLET} could not independently verify, showed "
        "{VIDEO}.",
        "It was the deadliest attack on {B.cap} since {SINCE}, {CASSRC} said.",
        "{A.forces} claimed to have {KILLCLAIM}.",
        "Hospitals in {B.cap} said they were treating {WN} wounded, {NUMCHILD} of them children.",
        "{G} claimed responsibility for the attack in a statement posted online.",
    ),
    "MEETING": (
        "{A} and {B} met for {NUMW} hours in {VENUE}, {ANONSRC} said.",
        "It was {A.his} {ORD} trip to {B.cty} since taking office.",
        "{A} was greeted at the airport in {B.cap} by {B}.",
        "The talks focused on {TOPIC} and {TOPIC2}, according to a joint statement.",
        "{A} is also due to meet {BOTHER} during the visit.",
        "A joint statement issued after the meeting said both sides had agreed to {JOINTAGREE}.",
        "The two sides also discussed {TOPIC2}, {A.spk} said.",
        "{A} invited {B} to visit {A.cap}, and the invitation was accepted, {A.min} said.",
        "Officials described the atmosphere as {PQ}.",
        "The visit was the highest-level contact between the two countries since {SINCE}.",
        "{A} laid a wreath at a war memorial in {B.cap} before the talks.",
    ),
    "PROTEST": (
        "{PR.subj} {PR.past} {DAY}, {ANONSRC} said.",
        "{PR.subj} {PR.past} {DAY} as anger grew over the {E.noun}.",
        "Thousands of people rallied in {A.cap} {DAY} to protest against {PROTOBJ}.",
        "Hundreds of protesters gathered outside the {B.adj} embassy in {A.cap}, chanting slogans.",
        "Demonstrators in {B.cap} burned {A.adj} flags and called for {CALLFOR}.",
    ),
    "PROTEST2": (
        "Police used tear gas to disperse crowds in {CITY}, witnesses said.",
        "Organisers said {CROWDA} people took part, while police put the number at {CROWDB}.",
        "The protests were the largest in {A.cap} since {SINCE}.",
        "Police in {A.cap} detained {NUM} people during the protest, {N} said.",
        "Speakers at the rally accused the government of {ACCUSED_GOV}.",
    ),
    "NEXT": (
        "{A} and {B} are due to meet again {NEXT}.",
        "{C.gov} is expected to discuss {TOPIC} {NEXT}.",
        "{A.gov} said it would announce further measures {NEXT}.",
        "A decision on {TOPIC2} is expected {NEXT}, {ANONSRC} said.",
        "{R.subj} could {R.inf} {NEXT}, according to {ANONSRC}.",
        "Further talks are planned in {VENUE} {NEXT}.",
        "Parliament in {B.cap} is due to vote on {VOTEON} {NEXT}.",
        "The {B.adj} currency fell {PCTSMALL} against {B.anchor} after the announcement.",
        "{A} is scheduled to address {IGO} in {MONTHF}.",
    ),
    "PLACE": (
        "{F} lies about {KM} kilometres from {F.cap}.",
        "{R} has seen repeated clashes in recent months.",
        "Satellite images taken {PAST} showed {SATIMG} at {F}.",
        "Traffic through {SEA} was disrupted for several hours, shipping sources said.",
        "The area around {F} was sealed off by security forces, witnesses said.",
        "Residents of {CITY} reported hearing loud explosions late on {DAYB}.",
        "{F} has been used by {F.op} forces since {YEAR}.",
        "Shipping through {SEA} has slowed sharply since {SINCE}, according to industry data.",
    ),
}

HEADLINES: dict[str, tuple[str, ...]] = {
    "ANY": (
        "{A.h} {E.pres}",
        "{A.hs} says {A.hc} will {E.inf}",
        "{A.hc} to {E.inf}",
        "{A.hc} {E.pres}, {A.hs} says",
        "{A.hs}: ‘{QH}’",
        "Analysis: what the {A.adj} {E.noun} means for {R}",
        "Explainer: why {R} matters to {A.hc} and {B.hc}",
        "{A.hc} {E.pres} as {C.h} weighs in",
    ),
    "NEG": (
        "{B.hc} condemns {A.adj} {E.noun}",
        "{A.hs} warns {B.hc} over {TOPIC}",
        "{C.h} urges restraint after {A.adj} {E.noun}",
        "{B.hc} denies {A.adj} claims over {TOPIC}",
        "Rift between {A.cap} and {B.cap} deepens after {A.adj} {E.noun}",
        "{B.hc} vows response to {A.adj} {E.noun}",
        "Protests erupt in {A.cap} over {B.adj} policy",
        "{A.hc} {E.pres} amid tensions with {B.hc}",
        "{A.hc} steps up pressure on {B.hc} with {E.noun}",
    ),
    "POS": (
        "{B.hc} welcomes {A.adj} {E.noun}",
        "Hopes of thaw between {A.cap} and {B.cap} after {A.adj} {E.noun}",
        "{A.hc} pledges support for {B.hc} after talks in {VENUE}",
        "{A.hc} and {B.hc} agree to keep talking on {TOPIC}",
    ),
    "CONSULT": (
        "{A.hs} meets {B.hs} in {VENUE} as {TRENDH}",
        "{A.hs} and {B.hs} discuss {TOPIC} in {VENUE}",
        "{A.hc}, {B.hc} hold talks on {TOPIC}",
    ),
    "AGREE": ("{A.hc} and {B.hc} agree on {TOPIC}",),
    "ASSAULT": (
        "{KN} killed as {A.adj} forces {E.inf}",
        "{A.adj} strikes hit {B.cap}, {KN} dead",
    ),
}

# Phrase pools. A name ending in + or - is used in stories of that polarity; "CL" pools are
# chosen by speaker side (CLA, CLB, CLC). SELF and OTHER stand for the speaker and the other side.
POOLS: dict[str, tuple[str, ...]] = {
    "QPOS": (
        "This agreement opens a new chapter in relations between our two countries",
        "We have taken an important step toward lasting peace",
        "Dialogue is the only way forward, and today we proved that it works",
        "We are ready to work with {OTHER.cap} on every issue that matters to our people",
        "Our friendship is built on mutual respect and shared interests",
        "There is still a lot of work to do, but the direction is right",
        "We came here to listen, and we leave with concrete results",
        "This is good news for the whole region",
        "Nobody should underestimate how difficult these talks have been",
        "We expect the other side to honour every commitment it has made",
        "The people of {SELF.cty} want stability, jobs and security",
        "Trust is built step by step, and this is one of those steps",
        "Today we agreed to keep talking, and that matters",
        "We will judge {OTHER.gov} by its actions, not its words",
        "I am cautiously optimistic",
        "It was a frank conversation, and a useful one",
        "We have agreed on more in two days than in the last two years",
        "The details still need to be worked out, but the principle is agreed",
        "Our teams will meet again soon to finish the job",
        "This is not the end of the road, but it is an important milestone",
        "Both sides showed flexibility, and I thank our partners for that",
        "Our economies need each other",
        "We want the border to be a bridge, not a wall",
        "I told my counterpart that {SELF.cty} keeps its word",
        "There is a real opportunity here, and we intend to seize it",
        "Nobody expected a breakthrough, but we made progress",
        "The hard part starts now",
        "We owe it to the families who have waited so long",
    ),
    "QNEG": (
        "We will not be intimidated by threats from {OTHER.cap}",
        "Any attack on our territory will receive a firm response",
        "The patience of our people has limits",
        "{OTHER.cty} bears full responsibility for what happens next",
        "We have every right to defend ourselves",
        "This is a blatant violation of international law",
        "They are lying, and they know they are lying",
        "We did not start this conflict, but we will end it on our terms",
        "Our position has not changed",
        "There will be consequences for those who ordered this",
        "The door to dialogue remains open, but our patience is running out",
        "We are not afraid of sanctions",
        "This is an act of aggression, and the world must call it that",
        "We will use every means at our disposal to protect our citizens",
        "What happened on {DAYB} was a crime",
        "Nothing justifies the killing of civilians",
        "{OTHER.gov} has chosen escalation over diplomacy",
        "We warned them many times",
        "No one in {SELF.cap} wants a war, but we are ready for one",
        "Our response will be measured, but it will come",
        "We will not negotiate under fire",
        "The world has seen who the aggressor is",
        "These are not the actions of a responsible state",
        "We have shown restraint for too long",
        "Every option remains on the table",
        "Those responsible will be held to account",
        "Threats will not change our policy",
        "The other side has made its choice, and it will live with the consequences",
        "We will defend every metre of our land",
        "Our soldiers are ready to carry out any order",
        "{OTHER.cap} is playing with fire",
    ),
    "QNEU": (
        "There can be no military solution to this conflict",
        "I urge all sides to exercise maximum restraint",
        "Civilians are paying the price for this war",
        "The international community cannot look away",
        "We are deeply concerned by the latest escalation",
        "Humanitarian workers must be allowed to do their jobs safely",
        "Every effort must be made to prevent a wider war",
        "Both sides must return to the negotiating table without preconditions",
        "The situation in {R} is extremely fragile",
        "We welcome any step that reduces tensions",
        "International humanitarian law must be respected by all parties",
        "Time is running out for the people of {R}",
        "The cycle of violence must stop",
        "Diplomacy must be given a chance",
        "We stand ready to help in any way we can",
        "Aid must reach those who need it, without delay",
        "I am alarmed by reports of attacks on civilian infrastructure",
        "Dialogue, not force, is the only way out of this crisis",
        "The region cannot afford another war",
        "Accountability is essential for lasting peace",
        "We call on all parties to respect their commitments",
        "Hospitals, schools and homes must never be targets",
    ),
    "QDENY": (
        "We categorically deny these allegations",
        "Not a single {SELF.adj} soldier was involved",
        "This is fake news designed to distract from {OTHER.cty}'s own failures",
        "There is no evidence, because it did not happen",
        "We have nothing to do with this",
        "These claims are absurd and have no basis in fact",
        "Our forces were nowhere near the area",
        "This is a provocation staged to blame {SELF.cty}",
        "We have asked for an international investigation, and we have nothing to hide",
        "The accusations are part of a disinformation campaign",
    ),
    "QQ": (
        "Who benefits from this escalation",
        "How many more people must die before the world acts",
        "What kind of partner behaves like this",
        "Why should we trust them now",
        "Is this what they call diplomacy",
    ),
    "QH": (
        "We will not be intimidated",
        "Our patience has limits",
        "A new chapter",
        "The door remains open",
        "No military solution",
        "We are ready for dialogue",
        "This is a historic day",
        "They bear full responsibility",
    ),
    "PQ-": (
        "“a dangerous escalation”",
        "“an unacceptable provocation”",
        "“a flagrant violation of sovereignty”",
        "“a grave mistake”",
        "“an act of state terrorism”",
        "“a cynical political stunt”",
        "“a dangerous gamble”",
        "“economic blackmail”",
        "“a provocation that will not go unanswered”",
        "“reckless and irresponsible”",
    ),
    "PQ+": (
        "“a historic step”",
        "“a turning point”",
        "“a step in the right direction”",
        "“constructive and frank”",
        "“a new chapter”",
        "“an important signal”",
        "“a real breakthrough”",
        "“a good start”",
        "“businesslike”",
    ),
    "PQA-": ("“deeply concerned”", "“alarmed”", "“gravely concerned”", "“disappointed”"),
    "PQA+": ("“encouraged”", "“cautiously optimistic”", "“pleased”", "“heartened”"),
    "CLA+": (
        "the talks had been {TALKADJ}",
        "{A.gov} remained committed to talks on {TOPIC2}",
        "the agreement would be implemented in stages",
        "both sides had agreed to meet again {NEXT}",
        "the {E.noun} {E.was} aimed at {AIM}",
        "further steps could follow if the ceasefire held",
        "{A.cty} was ready to {COOPINF}",
        "the decision to {E.inf} had been taken after months of consultations",
    ),
    "CLA-": (
        "{A.cty} had no choice but to {E.inf}",
        "the decision to {E.inf} had been taken after months of warnings",
        "{A.gov} remained open to talks with {B.cap}",
        "the {E.noun} {E.was} aimed at {AIM}",
        "further steps could follow if {B.gov} did not {DEMAND}",
        "{A.cty} would not be drawn into a wider conflict",
        "{A.people} deserved to live in peace",
        "{B.gov} had ignored repeated warnings",
        "{A.cty} was acting in self-defence",
    ),
    "CLB+": (
        "{B.gov} welcomed the move",
        "the agreement was a good basis for further talks",
        "{B.cty} would honour its side of the deal",
        "much would depend on how the deal was implemented",
        "the talks had been {TALKADJ}",
        "{B.gov} would {COOPINF}",
    ),
    "CLB-": (
        "{B.cty} would respond {HOWADV}",
        "the {E.noun} violated {LAW}",
        "{A.gov} had been {ACCUSATION} for months",
        "no {B.adj} troops had been involved",
        "the allegations were baseless",
        "{B.gov} would not bow to pressure",
        "{A.cty} was trying to distract from its own problems",
        "the {E.noun} would only harden {B.adj} resolve",
    ),
    "CLC": (
        "both sides should {DEMANDN}",
        "the situation in {R} remained {SITADJ}",
        "humanitarian access to {R} remained severely restricted",
        "{C.gov} was ready to host further talks",
        "a lasting settlement would require {REQUIRE}",
        "the {E.noun} risked undermining efforts aimed at {AIM}",
        "monitors had recorded {COUNT} ceasefire violations in the past month",
    ),
    "TALKADJ": ("constructive", "difficult but useful", "frank", "productive", "tense at times"),
    "AIM": (
        "protecting civilians",
        "restoring stability in {R}",
        "deterring further attacks",
        "rebuilding trust between the two countries",
        "securing the release of prisoners",
        "reopening trade routes through {SEA}",
    ),
    "LAW": ("international law", "the UN Charter", "previous commitments", "the {YEAR} accord"),
    "HOWADV": (
        "at a time and place of its choosing",
        "in kind",
        "with all means available",
        "through diplomatic channels",
        "firmly and proportionately",
    ),
    "HOW": (
        "respond at a time and place of its choosing",
        "take all necessary measures",
        "raise the matter at {IGO}",
        "not be drawn into a war of words",
        "review its relations with {A.cap}",
    ),
    "COND": ("the attacks continued", "{A.gov} did not change course", "the {E.noun} went ahead"),
    "COND2": (
        "the talks fail",
        "{B.gov} does not {DEMAND}",
        "the ceasefire collapses",
        "there is no progress by {MONTHF}",
    ),
    "COERCED": ("intimidated", "pressured into concessions", "blackmailed", "silenced"),
    "COOPINF": (
        "take similar steps",
        "expand cooperation with {Y.cty}",
        "host the next round of talks",
        "reopen its border crossings",
        "release more prisoners",
    ),
    "CDID": (
        "has been trying to broker talks between the two sides",
        "visited the region {PAST}",
        "met both leaders {PAST}",
        "has warned repeatedly of a wider war",
    ),
    "DEMAND": (
        "release detained journalists",
        "withdraw its forces from {R}",
        "return to the negotiating table",
        "halt attacks on civilian infrastructure",
        "allow aid convoys into {R}",
        "open an independent investigation",
        "respect the ceasefire",
        "stop arming militias in {R}",
        "free political prisoners",
    ),
    "DEMANDN": (
        "exercise restraint",
        "return to the negotiating table",
        "de-escalate",
        "respect international humanitarian law",
        "protect civilians",
        "allow humanitarian access to {R}",
    ),
    "CALLFOR": (
        "an independent investigation",
        "an immediate ceasefire",
        "restraint on all sides",
        "the release of all detainees",
        "new sanctions",
    ),
    "ACCUSATION": (
        "violating the ceasefire",
        "targeting civilians in {R}",
        "arming militias in {R}",
        "interfering in its internal affairs",
        "spreading disinformation",
        "stalling the talks",
        "plotting attacks on its soil",
        "using {F} to launch drone attacks",
        "harbouring members of {G}",
        "supplying weapons to {G}",
    ),
    "INCIDENT": (
        "the collapse of the talks",
        "a deadly attack near {CITY}",
        "a wave of cyberattacks",
        "the explosion at {F}",
        "the downing of a civilian aircraft",
        "the killing of {NUM} aid workers in {R}",
        "an attack on a convoy in {R}",
    ),
    "TOPIC": (
        "border security",
        "energy supplies",
        "a prisoner exchange",
        "maritime security in {SEA}",
        "grain exports",
        "trade and investment",
        "the fate of detained nationals",
        "a possible ceasefire in {R}",
        "the return of refugees",
        "arms control",
        "visa rules",
        "the future of {R}",
        "nuclear cooperation",
        "counter-terrorism",
        "water sharing on {RIV}",
        "debt relief",
        "reconstruction funding",
        "migration",
        "airspace violations",
        "fishing rights in {SEA}",
        "cyber security",
        "the reopening of border crossings",
        "oil and gas exploration in {SEA}",
        "security guarantees",
        "humanitarian access to {R}",
    ),
    "PROTOBJ": (
        "the {E.noun}",
        "the government's handling of {TOPIC}",
        "{B.adj} policy in {R}",
        "rising prices",
        "the detention of opposition figures",
    ),
    "CONSEQ-": (
        "in a move likely to deepen tensions with {B.cap}",
        "a step that could complicate efforts to end the crisis",
        "raising fears of a wider confrontation",
        "drawing swift condemnation from {B.cap}",
    ),
    "CONSEQ+": (
        "a step that could ease tensions with {B.cap}",
        "raising hopes of a thaw between the two countries",
        "in a boost to efforts to stabilise {R}",
        "a move welcomed by diplomats in {VENUE}",
    ),
    "TREND-": (
        "deepening tensions between {A.cap} and {B.cap}",
        "a hardening of positions on both sides",
        "a worsening crisis over {TOPIC}",
    ),
    "TREND+": (
        "warming ties between {A.cap} and {B.cap}",
        "a cautious rapprochement",
        "growing cooperation on {TOPIC}",
    ),
    "TRENDH": ("tensions rise over {TOPIC}", "hopes grow for a deal", "talks resume"),
    "TRENDCL-": ("tensions between the two countries mounted", "fighting in {R} intensified"),
    "TRENDCL+": ("diplomatic efforts gathered pace", "relations between the neighbours improved"),
    "MOVECL-": (
        "is likely to anger {B.cap}",
        "drew immediate criticism from {C.gov}",
        "raised fears of escalation",
    ),
    "MOVECL+": (
        "was welcomed by {C.gov}",
        "could ease tensions in {R}",
        "surprised many diplomats",
    ),
    "TIMING": (
        "days after {R.subj} {R.past}",
        "amid growing tensions over {TOPIC}",
        "ahead of a planned visit by {C} to the region",
        "as talks on {TOPIC2} stalled",
        "a week after {INCIDENT}",
    ),
    "EXPECT-": (
        "anger {B.cap}",
        "further strain relations between the two countries",
        "prompt retaliatory measures",
    ),
    "EXPECT+": (
        "ease tensions in {R}",
        "pave the way for a broader agreement",
        "boost trade between the neighbours",
    ),
    "ANONSRC": (
        "officials",
        "two people familiar with the matter",
        "a senior diplomat",
        "security sources",
        "a source close to the talks",
        "diplomats",
        "local officials",
        "people briefed on the plans",
        "a Western official",
    ),
    "CAUTION": (
        "no final decision had been made",
        "the situation could change quickly",
        "much depended on {B.cap}",
        "details were still being worked out",
    ),
    "ASKED": (
        "talks would resume",
        "{X.gov} would retaliate",
        "sanctions would be lifted",
        "a ceasefire was possible",
        "{Y.gov} could be trusted",
        "{Y.gov} had been warned in advance",
        "further measures were being prepared",
    ),
    "XWHO": (
        "arrived in {VENUE} {DAY}",
        "has led the talks since {SINCE}",
        "spoke after meeting {C}",
        "cut short a trip abroad",
    ),
    "NEXTEVENT": ("elections next year", "the end of the talks", "the summit in {VENUE}"),
    "EXPERTS": ("analysts", "diplomats", "regional experts", "former officials"),
    "BGCL": (
        "{B.gov} expelled {A.adj} diplomats",
        "talks on {TOPIC} broke down",
        "a border incident near {R} left {NUMK} soldiers dead",
        "{A.gov} accused {B.cap} of {ACCUSATION}",
    ),
    "TREATY": ("friendship treaty", "trade agreement", "border deal", "security pact"),
    "BUT": (
        "it was never fully implemented",
        "relations have soured since",
        "disputes over {TOPIC} have persisted",
    ),
    "PROMISE": (
        "restore order",
        "improve relations with {B.cap}",
        "take a tougher line on {B.cty}",
        "end the conflict in {R}",
        "rebuild the economy",
    ),
    "HIT": ("sanctions", "the war", "falling oil prices", "drought", "a currency crisis"),
    "DOMESTIC": (
        "opposition parties have accused them of weakness",
        "rising prices have fuelled protests",
        "elections are due next year",
    ),
    "SERIES": ("disputes", "tit-for-tat expulsions", "border incidents", "cautious contacts"),
    "CASSRC": (
        "local officials",
        "the health ministry",
        "rescue workers",
        "{N}",
        "hospital officials",
        "the regional governor",
    ),
    "DAMAGE": (
        "a power plant and two residential buildings",
        "the runway at {F}",
        "water and electricity networks",
        "a hospital and a school",
    ),
    "VIDEO": (
        "thick smoke rising over {CITY}",
        "damaged buildings near {F}",
        "emergency vehicles racing through the streets of {CITY}",
    ),
    "KILLCLAIM": (
        "destroyed {NUM} {B.adj} tanks",
        "hit a command post near {R}",
        "shot down {NUM} drones",
        "destroyed an ammunition depot near {F}",
    ),
    "ACCUSED_GOV": (
        "weakness towards {B.cap}",
        "ignoring the plight of {A.people} abroad",
        "putting trade before security",
    ),
    "SATIMG": ("new fortifications", "dozens of military vehicles", "damage to hangars"),
    "BOTHER": ("business leaders", "opposition figures", "{B.adj} lawmakers", "students"),
    "JOINTAGREE": (
        "meet again {NEXT}",
        "set up a working group on {TOPIC2}",
        "increase the number of flights between {A.cap} and {B.cap}",
    ),
    "VOTEON": ("the agreement", "a motion condemning the {E.noun}", "new sanctions"),
    "NCL": (
        "at least {COUNT} people had been displaced in {R} since {SINCE}",
        "aid deliveries to {R} had been halted",
        "hospitals in {R} were running out of fuel",
        "{COUNT} civilians had been detained since {SINCE}",
    ),
    "SITADJ": ("tense", "fragile", "volatile", "extremely serious"),
    "REQUIRE": ("painful compromises", "international guarantees", "a full withdrawal of troops"),
}

# What may follow the first sentence of a paragraph of each kind: (pool, speaker; "=" the same).
FOLLOW_UPS: dict[str, tuple[tuple[str, str], ...]] = {
    "LEDE": (("LEDE2", "A"),),
    "QUOTE": (("QUOTE", "="), ("INDIRECT", "="), ("INDIRECT", "="), ("ANON", "=")),
    "INDIRECT": (("QUOTE", "="), ("INDIRECT", "="), ("ANON", "=")),
    "ANON": (("ANON", "="), ("INDIRECT", "="), ("MODAL", "A")),
    "REACT": (("QUOTE", "B"), ("INDIRECT", "B"), ("REACT", "B")),
    "THIRD": (("QUOTE", "C"), ("INDIRECT", "C"), ("THIRD", "C")),
    "MODAL": (("MODAL", "A"), ("ANON", "A"), ("INDIRECT", "A"), ("INDIRECT", "B")),
    "BACKGROUND": (("BACKGROUND", "A"), ("BACKGROUND", "A"), ("PLACE", "A")),
    "CASUALTY": (("CASUALTY2", "B"), ("QUOTE", "B"), ("CASUALTY2", "B"), ("CASUALTY", "B")),
    "MEETING": (("MEETING", "A"), ("QUOTE", "A"), ("INDIRECT", "B")),
    "PROTEST": (("PROTEST2", "A"), ("PROTEST2", "A"), ("QUOTE", "A")),
    "NEXT": (("NEXT", "A"), ("MODAL", "A"), ("ANON", "B")),
    "PLACE": (("PLACE", "A"), ("BACKGROUND", "A"), ("CASUALTY2", "B")),
}

# Words that syndicated copies swap (same number of words).
SYNONYMS = (
    ("about", "around"),
    ("nearly", "almost"),
    ("officials", "authorities"),
    ("troops", "soldiers"),
    ("agreement", "accord"),
    ("warned", "cautioned"),
    ("announced", "unveiled"),
    ("statement", "communique"),
    ("discuss", "address"),
    ("talks", "negotiations"),
    ("attack", "assault"),
    ("said", "stated"),
    ("told", "informed"),
    ("later", "subsequently"),
    ("major", "significant"),
    ("help", "assist"),
)

FEMALE_FIRST = frozenset(
    _words(
        "Alicia Amina Ana Angela Angie Anita Annalena Avril Baiba Borjana Carrie Catherine "
        "Christine Chrystia Cindy Claudia Cristina Delcy Diana Dina Donika Droupadi Elizabeth "
        "Evika Fatou Florence Francesca Giorgia Gordana Hanna Inga Ingrida Jacinda Jana Janet "
        "Jeanine Judith Kaja Kamala Karine Karoline Katalin Kristalina Linda Liz Luminița "
        "Magdalena Maia Margarita Maria María Marine Marise Mehriban Mélanie Mette Michelle Najla "
        "Naledi Nancy Natalia Nataša Oana Paetongtarn Penny Retno Roberta Rosario Sahle-Work "
        "Salome Samia Sanae Sanna Sara Sigrid Sviatlana Thandi Theresa Tulsi Ursula Valentina "
        "Vjosa Xiomara Yōko Yulia Yvette Zuzana Élisabeth Željka Theresa Tsai"
    )
)
FEMALE_FULL = frozenset(
    ("Tsai Ing-wen", "Kim Yo Jong", "Choe Son Hui", "Sheikh Hasina", "Aung San Suu Kyi", "Mao Ning")
)
SURNAME_PARTICLES = frozenset(
    _words(
        "Abu Abul Abdel Al El al el bin ben Ould ag de da di del della van von der den le la du "
        "dos das Di De Da Del Van Von Le La Du Dos Ter"
    )
)
FAMILY_FIRST = frozenset(("CHN", "TWN", "KOR", "PRK", "KHM"))
TITLE_WORDS = frozenset(
    _words(
        "President General Prime Premier Sir King Queen Chancellor Secretary Minister Dr Mr Ms "
        "Admiral Senior Cardinal Pope Crown Prince Emir Sheikh Supreme Marshal UN Field "
        "Lieutenant Colonel Major Samdech Daw"
    )
)
LEADER_TITLES = frozenset(("president", "prime minister", "premier", "chancellor", "king", "emir"))
LOWERABLE = frozenset(
    _words(
        "We This It There Our The Nobody No These Any Those Such All Today Now What If Let Every "
        "Dialogue Civilians Trust Time Nothing Humanitarian International Both They Not I"
    )
)
WIRE_MEDIA = {  # KB media names used as sources in text, with the article they take
    "Reuters": "Reuters",
    "Associated Press": "the Associated Press",
    "Agence France-Presse": "Agence France-Presse",
    "Bloomberg News": "Bloomberg News",
    "TASS": "TASS",
    "Interfax": "Interfax",
    "RIA Novosti": "RIA Novosti",
    "Xinhua": "Xinhua",
    "Anadolu Agency": "Anadolu Agency",
    "Al Jazeera": "Al Jazeera",
    "BBC": "the BBC",
    "CNN": "CNN",
    "Yonhap": "Yonhap",
    "Kyodo News": "Kyodo News",
    "Ukrinform": "Ukrinform",
    "Islamic Republic News Agency": "the Islamic Republic News Agency",
    "Al Arabiya": "Al Arabiya",
    "Financial Times": "the Financial Times",
    "New York Times": "the New York Times",
    "Wall Street Journal": "the Wall Street Journal",
    "Washington Post": "the Washington Post",
    "Deutsche Welle": "Deutsche Welle",
    "France 24": "France 24",
    "NHK": "NHK",
    "Times of Israel": "the Times of Israel",
    "Haaretz": "Haaretz",
    "Dawn": "Dawn",
    "Kyiv Independent": "the Kyiv Independent",
    "Politico": "Politico",
    "Axios": "Axios",
}
PRONOUNCED = frozenset(
    _words(
        "NATO NASA OPEC UNICEF UNESCO ASEAN UNIFIL ECOWAS MONUSCO UNRWA MINUSMA AUKUS CELAC APEC "
        "UNAMA UNSMIL UNMISS UNDOF OSCE SADC IGAD ATMIS AUSSOM FARDC"
    )
)
BLOCS = (
    "NATO",
    "European Union",
    "BRICS",
    "ASEAN",
    "Shanghai Cooperation Organisation",
    "World Trade Organization",
    "OECD",
    "G20",
    "African Union",
    "Mercosur",
)
GENERAL_TITLES = (
    r"^(secretary-general|president|high representative|high commissioner|"
    r"director-general|chairperson)"
)
BLOCS_WITH_THE = frozenset(
    (
        "European Union",
        "African Union",
        "World Trade Organization",
        "Shanghai Cooperation Organisation",
        "G20",
    )
)
FOREIGN_OFFICES = {"USA": "the State Department", "GBR": "the Foreign Office"}
NOT_PARTIES = frozenset(("VAT",))
NOT_MEDIATORS = frozenset(("international-monetary-fund", "world-bank", "opec"))
STATE_KINDS = frozenset(("head_of_state", "head_of_government", "minister"))
COUNTRY_SHORT = {
    "US": "the US",
    "U.S.": "the U.S.",
    "UK": "the UK",
    "Britain": "Britain",
    "UAE": "the UAE",
    "DRC": "the DRC",
    "DR Congo": "DR Congo",
}
SEATS_WITHOUT_THE = frozenset(
    (
        "Downing Street",
        "Number 10",
        "No 10",
        "No. 10",
        "Whitehall",
        "Zhongnanhai",
        "Aso Rock",
        "Aso Villa",
        "Bankova",
        "Miraflores",
        "Raisina Hill",
        "Matignon",
        "Palazzo Chigi",
        "La Moneda",
        "Prague Castle",
        "Villa Somalia",
        "Cotroceni",
        "Baabda",
        "Koulouba",
        "Putrajaya",
        "Carthage Palace",
        "Malacañang",
        "Malacanang",
        "Muqata",
        "Mukataa",
        "The Hague",
        "Casa de Nariño",
        "Palacio Nacional",
        "Los Pinos",
    )
)
SEATS_SKIPPED = frozenset(("La Paz", "Port Sudan", "Moscow Kremlin", "Oval Office"))
ORG_THE_LAST = frozenset(
    _words(
        "Forces Army Front Council Party Units Brigades Movement Organization Organisation Union "
        "Nations Agency Court Service Command Corps Force Department Ministry Office Assembly "
        "Parliament Commission Bank Fund League Alliance Network Group Society Committee "
        "Federation Institute Programme Authority Government Cabinet Navy Guard Administration "
        "Secretariat Staff Congress Senate Representatives Commons Coalition Platform Community "
        "States Cooperation Forum Mission Observatory Foundation Fleet Directorate Province "
        "Affairs Defence Defense Police Headquarters Duma Rada Centre Center Relations Studies "
        "Development Justice Treasury Security Intelligence Wing Brotherhood Classification "
        "Commonwealth Brigade"
    )
)
ORG_THE_SINGLE = frozenset(_words("Taliban Houthis Quad G7 G20 E3 Peshmerga Basij Tatmadaw"))
ORG_NO_THE = frozenset(
    (
        "Boko Haram",
        "Islamic State",
        "Human Rights Watch",
        "Amnesty International",
        "Doctors Without Borders",
        "Save the Children",
        "Magen David Adom",
        "Jaish al-Adl",
        "Hurras al-Din",
        "Asa'ib Ahl al-Haq",
        "Kata'ib Hezbollah",
        "Kata'ib Sayyid al-Shuhada",
        "Harakat Hezbollah al-Nujaba",
        "Tren de Aragua",
        "Viv Ansanm",
        "Estado Mayor Central",
        "Clan del Golfo",
        "Hay'at Tahrir al-Sham",
        "Jama'at Nusrat al-Islam wal-Muslimin",
        "Abu Sayyaf",
        "Transparency International",
        "Peace Now",
        "Relief International",
        "World Central Kitchen",
        "Chatham House",
        "Reporters Without Borders",
        "Shin Bet",
        "Indigenous People of Biafra",
        "Interpol",
        "Mujahedin-e-Khalq",
        "Oxfam",
        "Bellingcat",
        "Airwars",
        "Hezbollah",
        "Hamas",
    )
)
REGION_THE_LAST = frozenset(
    _words(
        "Strait Sea Gulf Peninsula Corridor corridor Heights Islands Valley Basin River Canal "
        "Plains Mountains Zone Shoal Gap Line states countries territories Region region camp "
        "compound Mediterranean Channel Bosphorus Euphrates Tigris Dniester Farms Caribbean "
        "Arctic"
    )
)
FACILITY_THE_LAST = frozenset(_words("Bridge Dam Plant Center Centre Station Complex Garrison"))

# ---------------------------------------------------------------------------------------------
# Knowledge base
# ---------------------------------------------------------------------------------------------


def _strip_parens(name: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", name).strip()


def _is_acronym(alias: str) -> bool:
    core = alias.replace(".", "").replace("-", "")
    return 2 <= len(core) <= 6 and core.isupper() and core.isalnum()


@dataclass
class Role:
    title: str
    of: str
    start: date
    end: date | None


@dataclass
class Person:
    name: str
    alts: list[str]
    surname: str
    nicks: list[str]
    female: bool
    country: str
    kind: str
    roles: list[Role]

    def role_at(self, day: date) -> Role | None:
        active = [r for r in self.roles if r.start <= day and (r.end is None or r.end > day)]
        return min(active, key=lambda r: len(r.title)) if active else None


@dataclass
class Country:
    code: str
    name: str  # as used mid-sentence ("the United States")
    shorts: list[str]
    adjective: str
    capital: str
    seats: list[str]
    people_plural: str


@dataclass
class Org:
    id: str
    name: str  # with "the" where English wants it
    short: str  # acronym, or the name without "the"
    kind: str
    country: str | None

    @property
    def ref(self) -> str:
        """The short name as used mid-sentence: 'the UN', 'NATO', 'HTS'."""
        if self.short == self.name.removeprefix("the "):
            return self.name
        if self.name.startswith("the ") and self.short not in PRONOUNCED:
            return "the " + self.short
        return self.short


@dataclass
class Place:
    name: str  # with "the" where English wants it
    aliases: list[str]
    kind: str
    country: str | None
    operator: str | None = None


def _load_yaml(path: Path) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)


def _org_name(name: str) -> str:
    words = name.split()
    if name.startswith(("The ", "al-")) or name in ORG_NO_THE:
        return name
    if name in ORG_THE_SINGLE:
        return "the " + name
    if len(words) == 1:
        return name
    if words[-1] in ORG_THE_LAST or " of " in name:
        return "the " + name
    return name


def _place_name(entry: dict[str, Any]) -> str:
    name = _strip_parens(entry["name"])
    aliases = entry.get("aliases") or []
    if "the " + name in aliases:
        return "the " + name
    words = name.split()
    if entry.get("type") == "FACILITY":
        lower = [w for w in words if w[:1].islower() and not w.startswith(("al-", "d'"))]
        return "the " + name if lower or words[-1] in FACILITY_THE_LAST else name
    if words[-1] in REGION_THE_LAST or name.startswith(
        ("Strait of", "Gulf of", "Sea of", "Horn of", "Line of", "Great Lakes", "Persian")
    ):
        return "the " + name
    return name


class Knowledge:
    """People, organisations, countries and places read from sitrep's knowledge base."""

    def __init__(self, kb_dir: Path = KB_DIR) -> None:
        self.countries: dict[str, Country] = {}
        for row in _load_yaml(kb_dir / "countries.yaml"):
            self.countries[row["code"]] = self._country(row)
        self.orgs: dict[str, Org] = {}
        for path in sorted((kb_dir / "orgs").glob("*.yaml")):
            for row in _load_yaml(path) or []:
                name = _strip_parens(row["name"])
                acronyms = [a for a in row.get("aliases") or [] if _is_acronym(a)]
                self.orgs[row["id"]] = Org(
                    row["id"],
                    _org_name(name),
                    acronyms[0] if acronyms else name,
                    row.get("kind", ""),
                    row.get("country"),
                )
        self.people: list[Person] = []
        region_votes: dict[str, dict[str, int]] = {}
        for path in sorted((kb_dir / "people").glob("*.yaml")):
            for row in _load_yaml(path) or []:
                if row.get("country") in self.countries:
                    self.people.append(self._person(row))
                    votes = region_votes.setdefault(row["country"], {})
                    votes[path.stem] = votes.get(path.stem, 0) + 1
        # a country's region: the people file most of its people are in (igos.yaml aside)
        self.region_of = {
            code: max(sorted(v), key=lambda f: (f != "igos", v[f]))
            for code, v in region_votes.items()
        }
        places = _load_yaml(kb_dir / "facilities.yaml") + _load_yaml(kb_dir / "regions.yaml")
        self.facilities: list[Place] = []
        self.regions: list[Place] = []
        self.seas: list[Place] = []
        self.rivers: list[Place] = []
        for row in places:
            place = Place(
                _place_name(row),
                [a for a in row.get("aliases") or [] if not a.lower().startswith("the ")],
                row.get("kind", ""),
                row.get("country"),
                row.get("operator"),
            )
            if row.get("type") == "FACILITY":
                self.facilities.append(place)
            elif place.kind in ("sea", "strait"):
                self.seas.append(place)
            elif place.kind == "river":
                self.rivers.append(place)
            elif place.kind in ("region", "disputed", "territory") and row["name"] not in (
                "Western world",
                "Nordic countries",
            ):
                self.regions.append(place)
        self.armed_groups = [o for o in self.orgs.values() if o.kind == "armed_group"]
        self.ngos = [o for o in self.orgs.values() if o.kind == "ngo"]
        self.igos = [o for o in self.orgs.values() if o.kind == "igo"]
        bloc_names = {o.name.removeprefix("the ") for o in self.igos}
        self.blocs = [
            ("the " if b in BLOCS_WITH_THE else "") + b for b in BLOCS if b in bloc_names
        ] or ["the United Nations"]
        media_names = {o.name.removeprefix("the ") for o in self.orgs.values() if o.kind == "media"}
        self.media = [WIRE_MEDIA[n] for n in WIRE_MEDIA if n in media_names] or ["Reuters"]
        self.by_country: dict[str, list[Person]] = {}
        for person in self.people:
            if any(r.end is None or r.end > FIRST_DAY for r in person.roles):
                self.by_country.setdefault(person.country, []).append(person)
        self.country_codes = sorted(self.by_country)
        self.country_weights = [len(self.by_country[c]) for c in self.country_codes]
        self.igo_people = [
            p
            for p in self.people
            if any(
                r.of in self.orgs
                and self.orgs[r.of].kind == "igo"
                and r.of not in NOT_MEDIATORS
                and "Bank" not in r.title
                for r in p.roles
            )
        ]
        self.orgs_by_country: dict[str, list[Org]] = {}
        for org in self.orgs.values():
            if org.country:
                self.orgs_by_country.setdefault(org.country, []).append(org)
        self.capitals = [c.capital for c in self.countries.values() if c.capital]

    @staticmethod
    def _country(row: dict[str, Any]) -> Country:
        name = row["name"]
        plural_names = (
            "Netherlands",
            "Philippines",
            "Bahamas",
            "Comoros",
            "Maldives",
            "Seychelles",
            "Gambia",
            "Vatican",
        )
        needs_the = (
            name.startswith("United ")
            or "Republic" in name
            or name.endswith("Islands")
            or name in plural_names
        )
        full = "the " + name if needs_the else name
        shorts = [COUNTRY_SHORT[a] for a in row.get("aliases") or [] if a in COUNTRY_SHORT]
        adjectives = row.get("adjectives") or [name]
        demonyms = row.get("demonyms") or []
        plural = next((d for d in demonyms if d.endswith("s") and d != name), "")
        seats = []
        for seat in row.get("seats") or []:
            seat = seat.removeprefix("the ")
            if seat in SEATS_SKIPPED or seat in [s.removeprefix("the ") for s in seats]:
                continue
            seats.append(seat if seat in SEATS_WITHOUT_THE else "the " + seat)
        return Country(
            row["code"],
            full,
            shorts,
            adjectives[0],
            row.get("capital") or name,
            seats,
            plural or f"people in {full}",
        )

    @staticmethod
    def _person(row: dict[str, Any]) -> Person:
        name = row["name"]
        tokens = name.split()
        aliases = [a for a in row.get("aliases") or [] if a != name]
        alts = [
            a
            for a in aliases
            if len(a.split()) >= 2
            and a.split()[0] not in TITLE_WORDS
            and a.split()[-1] == tokens[-1]
            and len(a.split()) <= len(tokens) + 1
        ]
        singles = [a for a in aliases if len(a.split()) == 1]
        surname = next((a for a in singles if a in tokens), "")
        if not surname:
            if row["country"] in FAMILY_FIRST or row["country"] == "MMR":
                surname = tokens[0] if row["country"] != "MMR" else name
            elif tokens[-1] in ("II", "XIV", "Jr.") or tokens[0] == "Pope":
                surname = name
            else:
                start = len(tokens) - 1
                while start > 1 and tokens[start - 1] in SURNAME_PARTICLES:
                    start -= 1
                surname = " ".join(tokens[start:])
        nicks = [
            a
            for a in singles
            if a != surname
            and a not in tokens
            and len(a) > 2
            and a[:4].lower() != surname[:4].lower()
        ]
        roles = [
            Role(r["title"], str(r["of"]), r["start"], r.get("end"))
            for r in row.get("roles") or []
            if isinstance(r.get("start"), date)
        ]
        female = name in FEMALE_FULL or (tokens[0] in FEMALE_FIRST and name != "Kristen Michal")
        return Person(
            name, alts, surname, nicks, female, row["country"], row.get("kind", ""), roles
        )


# ---------------------------------------------------------------------------------------------
# Templates compiled once per spelling style
# ---------------------------------------------------------------------------------------------

_SLOT = re.compile(r"\{([A-Za-z0-9_.+-]+)\}")
Parsed = tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]


def _parse(template: str) -> Parsed:
    literals, keys = [], []
    pos = 0
    for match in _SLOT.finditer(template):
        literals.append(template[pos : match.start()])
        keys.append(match.group(1))
        pos = match.end()
    literals.append(template[pos:])
    needs = frozenset(k.split(".")[0] for k in keys if k.split(".")[0] == "G") | frozenset(
        "Fop" for k in keys if k == "F.op"
    )
    return tuple(literals), tuple(keys), needs


@dataclass
class Compiled:
    sentences: dict[str, list[Parsed]]
    headlines: dict[str, list[Parsed]]
    pools: dict[str, list[Parsed]]
    events: list[tuple[str, str, str, str, Parsed]]  # type, subject kind, verb, noun, rest


def compile_templates(style: str) -> Compiled:
    convert = americanize if style == "us" else (lambda s: s)

    def parse_all(rows: dict[str, tuple[str, ...]]) -> dict[str, list[Parsed]]:
        return {k: [_parse(convert(t)) for t in v] for k, v in rows.items()}

    events = []
    for kind, subject, phrase, noun in EVENTS:
        verb, _, rest = phrase.partition(" ")
        if subject in ("any", "mil") and re.search(r"\bits\b", rest):
            subject = "gov"
        events.append((kind, subject, convert(verb), convert(noun), _parse(convert(rest))))
    return Compiled(parse_all(SENTENCES), parse_all(HEADLINES), parse_all(POOLS), events)


def template_count() -> dict[str, int]:
    """How many templates of each sort this generator holds."""
    return {
        "sentences": sum(len(v) for v in SENTENCES.values()),
        "headlines": sum(len(v) for v in HEADLINES.values()),
        "events": len(EVENTS),
        "quotes": sum(len(POOLS[k]) for k in ("QPOS", "QNEG", "QNEU", "QDENY", "QQ")),
        "clauses": sum(len(v) for k, v in POOLS.items() if k.startswith("CL")),
        "phrase_pools": sum(len(v) for v in POOLS.values()),
    }


# ---------------------------------------------------------------------------------------------
# Articles
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outlet:
    name: str
    kind: str
    spelling: str
    quotes: str
    dateline: str
    title_case: bool
    honorific: bool
    layout: int

    @property
    def domain(self) -> str:
        slug = re.sub(r"[^a-z]", "", self.name.lower().removeprefix("the "))
        return f"www.{slug}.example"


OUTLETS = tuple(Outlet(*row) for row in OUTLET_ROWS)


@dataclass
class Article:
    index: int
    title: str
    text: str
    published: date
    clock: tuple[int, int]
    outlet: Outlet
    url: str
    byline: str
    section: str
    alt_titles: list[str] = field(default_factory=list)
    kind: str = "original"  # original, syndicated, duplicate
    copy_of: int | None = None

    def record(self) -> dict[str, str]:
        return {
            "title": self.title,
            "text": self.text,
            "published": self.published.isoformat(),
            "source": self.outlet.name,
            "url": self.url,
        }

    @property
    def published_time(self) -> str:
        return f"{self.published.isoformat()}T{self.clock[0]:02d}:{self.clock[1]:02d}:00Z"


@dataclass
class Side:
    """One party to a story: a country (or an international body) and its people."""

    letter: str
    country: Country | None
    person: Person
    role: Role
    spokesperson: Person | None = None
    org: Org | None = None  # the international body, for a third party
    ministry: Org | None = None
    military: Org | None = None


def _slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:80].rstrip("-")


def _number(n: int) -> str:
    return NUMBER_WORDS[n] if n < 10 else f"{n:,}"


def _title_case(text: str) -> str:
    small = {
        "a",
        "an",
        "the",
        "of",
        "and",
        "for",
        "in",
        "on",
        "to",
        "at",
        "as",
        "by",
        "with",
        "over",
        "from",
        "de",
    }
    words = text.split(" ")
    out = []
    for i, word in enumerate(words):
        if word[:1].islower() and (i == 0 or word not in small):
            word = "-".join(
                p[:1].upper() + p[1:] if p not in small or j == 0 else p
                for j, p in enumerate(word.split("-"))
            )
        out.append(word)
    return " ".join(out)


def _role_title(title: str) -> str:
    """'foreign minister' -> 'Foreign Minister' (for use before a name)."""
    small = {"of", "the", "and", "for", "in", "to"}
    return " ".join(
        "-".join(
            p if (p in small and j) or not p[:1].islower() else p[:1].upper() + p[1:]
            for j, p in enumerate(w.split("-"))
        )
        for w in title.split()
    )


_AN_RE = re.compile(r"\b([Aa]) (?=([A-Za-z][\w.'-]*))")
_ACRONYM_AN = frozenset("AEFHILMNORSX")
_PRONOUNCED = PRONOUNCED


def _fix_articles(text: str) -> str:
    def repl(match: re.Match[str]) -> str:
        word = match.group(2)
        core = word.replace(".", "")
        if core.isupper() and len(core) >= 2 and core not in _PRONOUNCED:
            vowel = core[0] in _ACRONYM_AN
        elif word[0] in "AEIOaeio":
            vowel = not word.startswith(("Eu", "eu", "one", "One"))
        elif word[0] == "U":
            vowel = word.startswith("Uzb")
        elif word[0] == "u":
            vowel = not word.startswith(("uni", "usu", "use", "uti", "ura"))
        else:
            vowel = False
        article = match.group(1)
        if vowel:
            return ("An" if article == "A" else "an") + " "
        return match.group(0)

    return _AN_RE.sub(repl, text)


def _capitalize(sentence: str) -> str:
    for i, ch in enumerate(sentence):
        if ch.isalpha():
            return sentence[:i] + ch.upper() + sentence[i + 1 :]
        if ch not in "“‘\"'(":
            return sentence
    return sentence


_QUOTE_MAPS = {  # str.replace chains: much faster than str.translate with a dict
    "straight": (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'")),
    "single": (("“", "‘"), ("”", "’"), ("'", "’")),
    "curly": (("'", "’"),),
}


def quote_style(text: str, style: str) -> str:
    for old, new in _QUOTE_MAPS[style]:
        text = text.replace(old, new)
    return text


_MARK_BEFORE_PUNCT = re.compile("\x00,(?=[.,:;?!”’\"'])")
_PLURAL_POSSESSIVE = re.compile(r"(?<=s)'s\b")


class Writer:
    """Writes one article at a time from templates; all state is per article."""

    def __init__(self, kb: Knowledge) -> None:
        self.kb = kb
        self.compiled = {"uk": compile_templates("uk"), "us": compile_templates("us")}
        self.handlers: dict[str, Callable[[str], str]] = {
            "DAY": self._day,
            "DAYB": self._day_bare,
            "PAST": self._past,
            "NEXT": self._next,
            "MONTHP": self._month_past,
            "MONTHF": self._month_future,
            "SINCE": self._since,
            "YEAR": self._year,
            "KILLED": self._fixed_number,
            "KN": self._fixed_number,
            "WOUNDED": self._fixed_number,
            "WN": self._fixed_number,
            "TROOPS": self._number_slot,
            "MONEY": self._number_slot,
            "NUM": self._number_slot,
            "NUMW": self._number_slot,
            "NUMK": self._number_slot,
            "PCT": self._number_slot,
            "PCTSMALL": self._number_slot,
            "COUNT": self._number_slot,
            "MILLIONS": self._number_slot,
            "DRONEPAIR": self._number_slot,
            "CROWDA": self._fixed_number,
            "CROWDB": self._fixed_number,
            "KM": self._number_slot,
            "TONNES": self._number_slot,
            "NUMCHILD": self._number_slot,
            "ORD": self._number_slot,
            "CITY": self._city,
            "VENUE": self._venue,
            "F": self._facility,
            "R": self._region,
            "SEA": self._sea,
            "RIV": self._river,
            "G": self._group,
            "N": self._ngo,
            "M": self._media,
            "IGO": self._igo,
            "BLOC": self._bloc,
            "OUTLET": lambda _a: self.outlet.name,
            "TOPIC": self._topic,
            "TOPIC2": self._topic,
            "Q": self._quote,
            "q": self._quote,
            "QQ": self._pool_slot,
            "CL": self._clause,
            "PQ": self._pool_slot,
            "PQA": self._pool_slot,
        }

    # -- story set-up ------------------------------------------------------------------------

    def write(self, index: int, rng: random.Random, day: date, outlet: Outlet) -> Article:
        self.rng = rng
        self.day = day
        self.outlet = outlet
        self.tpl = self.compiled[outlet.spelling]
        self.seen: dict[str, int] = {}
        self.fixed: dict[str, str] = {}
        self.scoped: dict[tuple[str, str], str] = {}
        self.used: set[int] = set()
        self.surnames: dict[str, str] = {}
        self.last_person = ""
        self.event_uses: dict[str, int] = {}
        self.map: dict[str, str] = {}
        self.scope = ""
        self.headline_mode = False
        self.lead = False
        self.usa_adj = "U.S." if outlet.spelling == "us" and rng.random() < 0.7 else "US"
        self._cast()
        self.events: dict[str, tuple[str, str, str, str, Parsed]] = {}
        kind = rng.choices(list(EVENT_WEIGHTS), weights=list(EVENT_WEIGHTS.values()))[0]
        self.positive = kind in POSITIVE
        self.kind = kind
        self.events["E"] = self._pick_event((kind,))
        others = [
            k
            for k in EVENT_WEIGHTS
            if (k in POSITIVE) == self.positive and k not in (kind, "PROTEST")
        ]
        self.events["E2"] = self._pick_event(tuple(others) or (kind,))
        self.events["R"] = self._pick_event(RESPONSES_POS if self.positive else RESPONSES_NEG)
        self.events["PR"] = self._pick_event(("PROTEST",))
        self.event_day = day - timedelta(days=rng.choice((0, 0, 1, 1, 1, 2, 2, 3, 4, 5, 6)))

        paragraphs = self._body()
        titles = self._headlines(3)
        text = "\n\n".join(paragraphs)
        title = self._style_title(titles[0], outlet)
        slug = _slug(titles[0])
        section = rng.choice(SECTIONS)
        url = f"https://{outlet.domain}/{section}/{day:%Y/%m/%d}/{slug}-{index:06d}"
        byline = f"{rng.choice(REPORTER_FIRST)} {rng.choice(REPORTER_LAST)}"
        clock = (rng.randint(5, 22), rng.randint(0, 59))
        return Article(index, title, text, day, clock, outlet, url, byline, section, titles[1:])

    def _active(self, code: str) -> list[tuple[Person, Role]]:
        """People acting for the state (or its forces) on the story's day, with their role."""
        found = []
        orgs = self.kb.orgs
        for person in self.kb.by_country.get(code, ()):
            role = person.role_at(self.day)
            if role is None:
                continue
            if role.of == code or (
                role.of in orgs
                and orgs[role.of].country == code
                and orgs[role.of].kind in ("government", "military")
            ):
                found.append((person, role))
        return found

    def _side(self, letter: str, exclude: set[str], near: str = "") -> Side:
        rng = self.rng
        kb = self.kb
        for attempt in range(50):
            code = rng.choices(kb.country_codes, weights=kb.country_weights)[0]
            if near and attempt < 25 and kb.region_of.get(code) != kb.region_of.get(near):
                continue
            if code in exclude or code in NOT_PARTIES:
                continue
            active = self._active(code)
            leaders = [
                (p, r)
                for p, r in active
                if p.kind not in ("spokesperson", "militant")
                and (
                    letter != "C"
                    or p.kind in ("head_of_state", "head_of_government")
                    or "foreign" in r.title
                )
            ]
            if not leaders:
                continue
            weights = [8 if p.kind in STATE_KINDS else 1 for p, _ in leaders]
            person, role = rng.choices(leaders, weights=weights)[0]
            speakers = [p for p, _ in active if p.kind == "spokesperson"]
            orgs = self.kb.orgs_by_country.get(code, [])
            ministries = [
                o
                for o in orgs
                if o.kind == "government"
                and re.search(r"Ministry|Department|Foreign|State Council|Cabinet|Office", o.name)
            ]
            militaries = [o for o in orgs if o.kind == "military"]
            return Side(
                letter,
                self.kb.countries[code],
                person,
                role,
                rng.choice(speakers) if speakers else None,
                None,
                rng.choice(ministries) if ministries else None,
                rng.choice(militaries) if militaries else None,
            )
        raise RuntimeError("no country with active people")

    def _third(self, exclude: set[str]) -> Side:
        rng = self.rng
        if rng.random() < 0.6:
            options = []
            for person in self.kb.igo_people:
                role = person.role_at(self.day)
                if role is not None and role.of in self.kb.orgs:
                    options.append((person, role))
            if options:
                weights = [4 if re.search(GENERAL_TITLES, r.title) else 1 for _, r in options]
                person, role = rng.choices(options, weights=weights)[0]
                return Side("C", None, person, role, None, self.kb.orgs[role.of])
        return self._side("C", exclude)

    def _cast(self) -> None:
        rng = self.rng
        self.A = self._side("A", set())
        assert self.A.country is not None
        self.B = self._side(
            "B", {self.A.country.code}, self.A.country.code if rng.random() < 0.65 else ""
        )
        assert self.B.country is not None
        self.C = self._third({self.A.country.code, self.B.country.code})
        self.sides = {"A": self.A, "B": self.B, "C": self.C}
        codes = {self.A.country.code, self.B.country.code}
        groups = [g for g in self.kb.armed_groups if g.country in codes]
        self.group = rng.choice(groups) if groups and rng.random() < 0.7 else None
        self.facility = rng.choice(self._nearby(self.kb.facilities, codes))
        self.region = rng.choice(self._nearby(self.kb.regions, codes))
        self.sea = rng.choice(self.kb.seas)
        self.river = rng.choice(self.kb.rivers)
        self.ngo = rng.choice(self.kb.ngos)
        self.igo = (
            self.C.org
            if self.C.org and self.C.org.kind == "igo"
            else rng.choice([o for o in self.kb.igos if o.country is None])
        )
        venue_pool = [
            self.A.country.capital,
            self.B.country.capital,
            *rng.sample(self.kb.capitals, 3),
        ]
        self.venue = rng.choice(venue_pool[2:] if rng.random() < 0.5 else venue_pool)
        self.available = {"Fop"} if self._operator_adj() else set()
        if self.group:
            self.available.add("G")

    def _nearby(self, places: list[Place], codes: set[str]) -> list[Place]:
        """Places in the two countries, else in their part of the world, else anywhere."""
        near = [p for p in places if p.country in codes]
        if near and self.rng.random() < 0.8:
            return near
        areas = {self.kb.region_of.get(c) for c in codes}
        around = [p for p in places if p.country and self.kb.region_of.get(p.country) in areas]
        return around or places

    def _operator_adj(self) -> str:
        op = self.facility.operator
        return self._adj(self.kb.countries[op]) if op in self.kb.countries else ""

    def _pick_event(self, kinds: tuple[str, ...]) -> tuple[str, str, str, str, Parsed]:
        kind = self.rng.choice(kinds)
        options = [e for e in self.tpl.events if e[0] == kind]
        return self.rng.choice(options)

    # -- body ----------------------------------------------------------------------------------

    def _plan(self) -> list[tuple[str, str]]:
        """Paragraph kinds after the lede, as (pool, speaker side)."""
        rng = self.rng
        pos = self.positive
        choices: list[tuple[tuple[str, str], int]] = [
            (("QUOTE", "A"), 4),
            (("QUOTE", "B"), 3),
            (("QUOTE", "C"), 2),
            (("INDIRECT", "A"), 4),
            (("INDIRECT", "B"), 3),
            (("INDIRECT", "C"), 2),
            (("ANON", "A"), 2),
            (("ANON", "B"), 2),
            (("REACT+" if pos else "REACT-", "B"), 5),
            (("THIRD", "C"), 3),
            (("MODAL", "A"), 3),
            (("BACKGROUND", "A"), 5),
            (("PROTEST", "A"), 1 if pos else 2),
            (("NEXT", "A"), 2),
            (("PLACE", "A"), 2),
            (("CASUALTY", "B"), 6 if self.kind == "ASSAULT" else 0),
            (("MEETING", "A"), 5 if self.kind in ("CONSULT", "AGREE") else (1 if pos else 0)),
        ]
        kinds = [c for c, w in choices if w]
        weights = [w for _, w in choices if w]
        plan: list[tuple[str, str]] = [
            rng.choice((("QUOTE", "A"), ("INDIRECT", "A"), (("REACT+" if pos else "REACT-"), "B")))
        ]
        while len(plan) < 14:
            pick = rng.choices(kinds, weights=weights)[0]
            if pick[0] != plan[-1][0]:
                plan.append(pick)
        return plan

    def _body(self) -> list[str]:
        rng = self.rng
        target = rng.randint(MIN_WORDS, MAX_WORDS)
        low = max(MIN_PARAS, -(-target // 100))
        high = min(MAX_PARAS, target // 52)
        count = rng.randint(low, max(low, high))
        shares = [rng.uniform(0.6, 1.4) for _ in range(count)]
        shares[0] *= 0.7
        plan = self._plan()
        paragraphs: list[list[str]] = []
        words = 0
        dateline = self._dateline()
        words += len(dateline.split())
        for i in range(count):
            sentences: list[str] = []
            para_words = 0
            kind, side = ("LEDE", "A") if i == 0 else plan[(i - 1) % len(plan)]
            self.last_person = ""
            # what is left of the target, shared among the paragraphs still to write
            goal = (target - words) * shares[i] / sum(shares[i:])
            first = True
            follow = FOLLOW_UPS[kind.rstrip("+-")]
            while True:
                pool, speaker = kind, side
                if first and kind == "LEDE" and self.kind not in PLAN_UNFIT and rng.random() < 0.25:
                    pool = "LEDEPLAN"
                if i == 0 and not first:
                    pool = (
                        "LEDE2"
                        if len(sentences) == 1
                        else rng.choice(("INDIRECT", "QUOTE", "ANON", "QUOTE"))
                    )
                elif not first:
                    pool, who = rng.choice(follow)
                    speaker = side if who == "=" else who
                    if pool == "REACT":
                        pool = "REACT+" if self.positive else "REACT-"
                    if pool.startswith("CASUALTY") and self.kind != "ASSAULT":
                        pool = "BACKGROUND"
                state = self._save()
                sentence = self._sentence(pool, speaker)
                n = len(sentence.split())
                for _ in range(5):  # a paragraph's first sentence must fit the corpus limits
                    if not first or words + n <= MAX_WORDS:
                        break
                    self._restore(state)
                    sentence = self._sentence(pool, speaker)
                    n = len(sentence.split())
                remaining = goal - para_words
                if not first and (n / 2 > remaining or words + n > MAX_WORDS):
                    self._restore(state)  # the sentence is dropped: forget its mentions
                    break
                sentences.append(sentence)
                para_words += n
                words += n
                first = False
                if para_words >= goal or len(sentences) >= 7:
                    break
            paragraphs.append(sentences)
        while words < MIN_WORDS:  # rare: top up the last paragraph
            sentence = self._sentence("BACKGROUND", "A")
            paragraphs[-1].append(sentence)
            words += len(sentence.split())
        while words > MAX_WORDS:
            longest = max((p for p in paragraphs if len(p) > 1), key=len)
            words -= len(longest.pop().split())
        texts = [" ".join(p) for p in paragraphs]
        if dateline:
            texts[0] = dateline + texts[0]
        return self._quote_style(texts)

    def _save(self) -> tuple[dict[str, int], dict[str, int], dict[str, str], str]:
        return dict(self.seen), dict(self.event_uses), dict(self.surnames), self.last_person

    def _restore(self, state: tuple[dict[str, int], dict[str, int], dict[str, str], str]) -> None:
        self.seen, self.event_uses, self.surnames, self.last_person = (
            dict(state[0]),
            dict(state[1]),
            dict(state[2]),
            state[3],
        )

    def _dateline(self) -> str:
        style = self.outlet.dateline
        assert self.A.country is not None
        assert self.B.country is not None
        roll = self.rng.random()
        city = (
            self.A.country.capital
            if roll < 0.6
            else self.B.country.capital
            if roll < 0.85
            else self.venue
        )
        if style == "none" or self.rng.random() < 0.15:
            return ""
        if style == "wire":
            when = f"{MONTHS[self.day.month - 1]} {self.day.day}"
            return f"{city.upper()}, {when} ({self.outlet.name}) - "
        if style == "ap":
            country = next((c for c in self.kb.countries.values() if c.capital == city), None)
            where = city.upper() if country is None else f"{city.upper()}, {country.name}"
            return where.replace(", the ", ", ") + " — "
        return f"{city} — "

    def _quote_style(self, texts: list[str]) -> list[str]:
        style = self.outlet.quotes
        mixed = style == "curly" and self.rng.random() < 0.1
        out = []
        for text in texts:
            mode = "straight" if mixed and self.rng.random() < 0.4 else style
            if self.outlet.spelling == "us":
                text = text.replace("”.", ".”").replace("”,", ",”")
            out.append(quote_style(text, mode))
        return out

    def _sentence(self, pool: str, side: str) -> str:
        rng = self.rng
        other = {"A": "B", "B": "A", "C": "A"}[side]
        self.map = {"X": side, "Y": other, "AB": rng.choice("AB")}
        options = self.tpl.sentences[pool]
        if pool == "QUOTE" and side != "C":
            options = options + self.tpl.sentences["QUOTE+" if self.positive else "QUOTE-"]
        for _ in range(8):
            k = rng.randrange(len(options))
            _, keys, needs = options[k]
            uid = id(options[k])
            if uid in self.used or not needs <= self.available:
                continue
            if (
                side == "C"
                and self.C.country is None
                and any(k2.endswith((".people", ".forces")) for k2 in keys)
            ):
                continue
            self.used.add(uid)
            return self._finish(self._render(options[k]))
        fallback = next(p for p in options + self.tpl.sentences["LEDE2"] if p[2] <= self.available)
        return self._finish(self._render(fallback))

    def _finish(self, text: str) -> str:
        text = _MARK_BEFORE_PUNCT.sub("", text).replace("\x00,", ",")
        text = _PLURAL_POSSESSIVE.sub("'", text).replace("..", ".")  # "the U.S.."
        text = _fix_articles(text)
        return _capitalize(text)

    # -- rendering -----------------------------------------------------------------------------

    def _render(self, parsed: Parsed) -> str:
        literals, keys, _ = parsed
        out = [literals[0]]
        for key, literal in zip(keys, literals[1:], strict=True):
            out.append(self._resolve(key))
            out.append(literal)
        return "".join(out)

    def _resolve(self, key: str) -> str:
        head, _, attr = key.partition(".")
        head = self.map.get(head, head)
        if head in ("A", "B", "C"):
            return self._side_slot(self.sides[head], attr)
        if head in ("E", "E2", "R", "PR") and attr:
            return self._event(head, attr)
        if head in self.handlers:
            return self.handlers[head](key if not attr else head + "." + attr)
        return self._pool(head)

    def _pool(self, name: str) -> str:
        pools = self.tpl.pools
        polar = name + ("+" if self.positive else "-")
        options = pools.get(polar) or pools[name]
        cached = self.scope and name in ("DEMAND", "ACCUSATION", "INCIDENT")
        if cached and (self.scope, name) in self.scoped:
            return self.scoped[(self.scope, name)]
        for _ in range(6):
            parsed = self.rng.choice(options)
            if parsed[2] <= self.available and id(parsed) not in self.used:
                break
        else:
            parsed = next((p for p in options if p[2] <= self.available), options[0])
        self.used.add(id(parsed))
        value = self._render(parsed)
        if cached:
            self.scoped[(self.scope, name)] = value
        return value

    def _pool_slot(self, key: str) -> str:
        return self._pool(key)

    def _with_map(self, mapping: dict[str, str], parsed: Parsed) -> str:
        saved = self.map
        self.map = {**saved, **mapping}
        try:
            return self._render(parsed)
        finally:
            self.map = saved

    def _quote(self, key: str) -> str:
        side = self.map.get("X", "A")
        if side == "C":
            pool = "QNEU"
        elif self.positive:
            pool = "QPOS"
        elif side == "B" and self.kind in DENIABLE and self.rng.random() < 0.4:
            pool = "QDENY"
        else:
            pool = "QNEG"
        options = self.tpl.pools[pool]
        parsed = options[0]
        for _ in range(6):
            parsed = self.rng.choice(options)
            if id(parsed) not in self.used:
                break
        self.used.add(id(parsed))
        other = {"A": "B", "B": "A", "C": "A"}[side]
        text = self._with_map({"SELF": side, "OTHER": other}, parsed)
        if key == "q" and text.split(" ", 1)[0] in LOWERABLE and not text.startswith("I "):
            text = text[0].lower() + text[1:]
        return text

    def _clause(self, _key: str) -> str:
        side = self.map.get("X", "A")
        name = "CLC" if side == "C" else f"CL{side}{'+' if self.positive else '-'}"
        return self._pool(name)

    def _event(self, name: str, attr: str) -> str:
        _, subject, verb, noun, rest = self.events[name]
        mine = "B" if name == "R" else "A"
        if attr == "subj":
            self.lead = name == "E"
            try:
                return self._subject(self.sides[mine], subject)
            finally:
                self.lead = False
        if attr in ("noun", "Noun"):
            return noun if attr == "noun" else noun[:1].upper() + noun[1:]
        if attr == "the":
            return "the " + noun
        if attr == "was":
            return "were" if noun.endswith("s") and " of " not in noun else "was"
        uses = self.event_uses.get(name, 0)
        self.event_uses[name] = uses + 1
        if uses >= (3 if name in ("E", "PR") else 1) and not self.headline_mode and attr != "pres":
            return self._pro_form(attr, noun)
        past, pp, ing, pres = verb_forms(verb)
        form = {"past": past, "pp": pp, "ing": ing, "inf": verb, "pres": pres}[attr]
        saved = self.scope
        self.scope = name
        try:
            text = self._with_map({"SELF": mine, "OTHER": "A" if mine == "B" else "B"}, rest)
        finally:
            self.scope = saved
        return f"{form} {text}" if text else form

    def _pro_form(self, attr: str, noun: str) -> str:
        """A short stand-in for an event phrase already written out ('did so')."""
        choice = self.rng.randrange(3)
        if choice == 0:
            return {"past": "did so", "pp": "done so", "ing": "doing so", "inf": "do so"}[attr]
        if choice == 1:
            return {
                "past": "took such a step",
                "pp": "taken such a step",
                "ing": "taking such a step",
                "inf": "take such a step",
            }[attr]
        verb = {"past": "went", "pp": "gone", "ing": "going", "inf": "go"}[attr]
        return f"{verb} ahead with the {noun}"

    def _subject(self, side: Side, kind: str) -> str:
        rng = self.rng
        if self.headline_mode:
            return side.person.surname if kind == "person" else self._side_slot(side, "hc")
        if kind == "person":
            return self._person(side)
        if kind == "crowd":
            people = side.country.people_plural if side.country else "protesters"
            return rng.choice(
                (
                    f"thousands of {people}",
                    "protesters",
                    "hundreds of demonstrators",
                    f"tens of thousands of {people}",
                )
            )
        roll = rng.random()
        if (
            kind == "any"
            and roll < 0.3
            and side.person.kind in STATE_KINDS
            and self.lead
            and not self.seen.get("P" + side.letter)
        ):
            return self._person(side)
        if kind == "mil" and roll < 0.5:
            return self._side_slot(side, "forces")
        return self._side_slot(side, "gov" if rng.random() < 0.6 else "cty")

    # -- entities ------------------------------------------------------------------------------

    def _adj(self, country: Country) -> str:
        return self.usa_adj if country.code == "USA" else country.adjective

    def _owner(self, role: Role) -> tuple[str, str, str]:
        """(adjective before a title, possessive, full name) of whoever a role belongs to."""
        if role.of in self.kb.countries:
            country = self.kb.countries[role.of]
            possessive = country.name + ("'" if country.name.endswith("s") else "'s")
            return self._adj(country), possessive, country.name
        org = self.kb.orgs.get(role.of)
        if org is None:
            return "", "", ""
        return org.short, org.name + ("'" if org.name.endswith("s") else "'s"), org.name

    def _title_text(self, role: Role) -> str:
        title = role.title
        return americanize(title) if self.outlet.spelling == "us" else title

    def _person(self, side: Side) -> str:
        person = side.person
        key = "P" + side.letter
        count = self.seen.get(key, 0)
        self.seen[key] = count + 1
        rng = self.rng
        if self.headline_mode:
            self.seen[key] = count
            return person.surname
        title = self._title_text(side.role)
        adjective, possessive, _ = self._owner(side.role)
        short_title = len(title.split()) <= 3 and " of " not in title
        self.last_person = side.letter
        if count == 0:
            name = person.name
            if person.alts and rng.random() < 0.15:
                name = rng.choice(person.alts)
                self.surnames[side.letter] = name.split()[-1]
            roll = rng.random()
            proper = title[:1].isupper() or any(w[:1].isupper() for w in title.split()[:2])
            titled = name.split()[0] in TITLE_WORDS
            if short_title and adjective and roll < 0.55 and not proper and not titled:
                return f"{adjective} {_role_title(title)} {name}"
            if side.role.of in self.kb.orgs and not proper and adjective:
                return f"{name}, the {adjective} {title}\x00,"
            if " of " in title or proper or not adjective:
                return f"{name}, the {title}\x00,"
            if side.role.of not in self.kb.countries:
                return f"{name}, the {adjective} {title}\x00,"
            if roll < 0.8:
                return f"{name}, {possessive} {title}\x00,"
            return f"{name}, the {adjective} {title}\x00,"
        roll = rng.random()
        surname = self.surnames.get(side.letter, person.surname)
        if self.outlet.honorific and surname != person.name and roll < 0.7:
            return f"{'Ms.' if person.female else 'Mr.'} {surname}"
        if roll < 0.14 and short_title:
            return "the " + title
        if roll < 0.2 and person.nicks:
            return rng.choice(person.nicks)
        if roll < 0.26 and title in LEADER_TITLES and surname != person.name:
            return f"{_role_title(title)} {surname}"
        if roll < 0.3:
            return person.name
        return surname

    def _side_slot(self, side: Side, attr: str) -> str:
        rng = self.rng
        country = side.country
        if attr == "":
            return self._person(side)
        if attr == "he":
            if not self.seen.get("P" + side.letter) or self.last_person != side.letter:
                return self._person(side)
            return "she" if side.person.female else "he"
        if attr == "his":
            return "her" if side.person.female else "his"
        if attr == "title":
            return self._title_text(side.role)
        if attr == "since":
            return str(side.role.start.year)
        if country is None:  # an international organisation
            assert side.org is not None
            return self._org_slot(side, attr)
        if attr in ("cty", "hc"):
            if attr == "hc" or self.headline_mode:
                short = [s.removeprefix("the ") for s in country.shorts]
                if country.code == "USA":
                    return self.usa_adj
                return short[0] if short else country.name.removeprefix("the ")
            if country.shorts and self.seen.get("C" + side.letter) and rng.random() < 0.4:
                return rng.choice(country.shorts)
            self.seen["C" + side.letter] = 1
            return country.name
        if attr == "h":
            return self._person(side) if rng.random() < 0.4 else self._side_slot(side, "hc")
        if attr == "hs":
            return side.person.surname
        if attr == "adj":
            return self._adj(country)
        if attr == "cap":
            return country.capital
        if attr == "anchor":
            return "the euro" if country.code == "USA" else "the dollar"
        if attr == "people":
            return country.people_plural
        if attr == "gov":
            if self.headline_mode:
                return self._side_slot(side, "hc")
            key = "G" + side.letter
            count = self.seen.get(key, 0)
            self.seen[key] = count + 1
            roll = rng.random()
            if count == 0:
                if roll < 0.5:
                    return f"the {self._adj(country)} government"
                return country.name
            if roll < 0.4:
                return country.capital
            if roll < 0.6 and country.seats:
                return rng.choice(country.seats)
            if roll < 0.75:
                return "the government in " + country.capital
            return country.name
        if attr == "min":
            if side.ministry and rng.random() < 0.6:
                return self._org_mention(side.ministry)
            if country.code in FOREIGN_OFFICES and rng.random() < 0.5:
                return FOREIGN_OFFICES[country.code]
            return rng.choice(
                (
                    f"the {self._adj(country)} foreign ministry",
                    f"the {self._adj(country)} defence ministry",
                    f"the {self._adj(country)} presidency",
                )
            )
        if attr == "spk":
            roll = rng.random()
            if roll < 0.35:
                return self._person(side)
            if roll < 0.55:
                return self._side_slot(side, "gov")
            if roll < 0.75:
                return self._side_slot(side, "min")
            if side.spokesperson is not None:
                return self._spokesperson(side)
            return f"a spokesperson for {self._side_slot(side, 'min')}"
        if attr == "forces":
            if side.military and rng.random() < 0.4:
                return self._org_mention(side.military)
            return rng.choice(
                (
                    f"{self._adj(country)} forces",
                    f"the {self._adj(country)} military",
                    f"the {self._adj(country)} army",
                    f"{self._adj(country)} forces",
                )
            )
        raise KeyError(f"{side.letter}.{attr}")

    def _spokesperson(self, side: Side) -> str:
        person = side.spokesperson
        assert person is not None
        key = "S" + side.letter
        if self.seen.get(key):
            return person.surname
        self.seen[key] = 1
        role = person.role_at(self.day)
        title = self._title_text(role) if role else "spokesperson"
        return f"{person.name}, {self._owner(role)[1] if role else ''} {title}\x00,".replace(
            ",  ", ", "
        )

    def _org_slot(self, side: Side, attr: str) -> str:
        org = side.org
        assert org is not None
        if attr in ("cty", "gov", "min", "hc", "h"):
            if attr in ("hc", "h") or self.headline_mode:
                return org.short
            return self._org_mention(org)
        if attr == "adj":
            return org.short
        if attr == "cap":
            return self.venue
        if attr == "hs":
            return side.person.surname
        if attr == "spk":
            if self.rng.random() < 0.5:
                return self._person(side)
            return f"a spokesperson for {self._org_mention(org)}"
        if attr == "forces":
            return f"{org.short} peacekeepers"
        if attr == "people":
            return f"{org.short} staff"
        raise KeyError(f"{side.letter}.{attr}")

    def _org_mention(self, org: Org) -> str:
        key = "O" + org.id
        count = self.seen.get(key, 0)
        self.seen[key] = count + 1
        if count == 0 or self.rng.random() < 0.3:
            return org.name
        return org.ref

    def _group(self, key: str) -> str:
        group = self.group
        if group is None:
            return "armed groups"
        count = self.seen.get("group", 0)
        self.seen["group"] = count + 1
        if self.headline_mode:
            return group.short
        if count == 0:
            if group.short != group.name.removeprefix("the ") and self.rng.random() < 0.5:
                return f"{group.name} ({group.short})"
            return group.name
        roll = self.rng.random()
        if roll < 0.5 and group.short != group.name.removeprefix("the "):
            return group.ref
        if roll < 0.75:
            return "the group"
        return group.name

    def _place(self, place: Place, key: str) -> str:
        count = self.seen.get(key, 0)
        self.seen[key] = count + 1
        if count and place.aliases and self.rng.random() < 0.25:
            alias = self.rng.choice(place.aliases)
            words = alias.split()
            if len(words) <= 4:
                if not alias.startswith(("the ", "The ")) and (
                    words[-1] in REGION_THE_LAST
                    or words[-1][:1].islower()
                    or words[-1] in FACILITY_THE_LAST
                    or (len(words) > 2 and words[1] == "of")
                ):
                    return "the " + alias
                return alias
        return place.name

    def _facility(self, key: str) -> str:
        if key == "F.op":
            return self._operator_adj()
        if key == "F.cap":
            country = self.kb.countries.get(self.facility.country or "")
            return country.capital if country else self.venue
        return self._place(self.facility, "F")

    def _region(self, _key: str) -> str:
        return self._place(self.region, "R")

    def _sea(self, _key: str) -> str:
        return self._place(self.sea, "SEA")

    def _river(self, _key: str) -> str:
        return self._place(self.river, "RIV")

    def _ngo(self, _key: str) -> str:
        return self._org_mention(self.ngo)

    def _igo(self, _key: str) -> str:
        return self.igo.name

    def _bloc(self, _key: str) -> str:
        return self.rng.choice(self.kb.blocs)

    def _media(self, _key: str) -> str:
        return self.rng.choice(self.kb.media)

    def _city(self, _key: str) -> str:
        assert self.A.country and self.B.country
        return self.rng.choice((self.A.country.capital, self.B.country.capital, self.venue))

    def _venue(self, _key: str) -> str:
        return self.venue

    def _topic(self, key: str) -> str:
        if key not in self.fixed:
            saved = self.scope
            self.scope = ""
            self.fixed[key] = self._pool("TOPIC")
            self.scope = saved
            if key == "TOPIC2" and self.fixed[key] == self.fixed.get("TOPIC"):
                self.fixed[key] = self._pool("TOPIC")
        return self.fixed[key]

    # -- numbers and dates ---------------------------------------------------------------------

    def _fixed_number(self, key: str) -> str:
        rng = self.rng
        if "killed" not in self.fixed:
            killed = rng.choice((rng.randint(2, 9), rng.randint(10, 60), rng.randint(3, 25)))
            self.fixed["killed"] = str(killed)
            self.fixed["wounded"] = str(killed * rng.randint(2, 5) + rng.randint(0, 9))
            crowd = rng.randrange(5, 120) * 1000
            self.fixed["crowda"] = f"{crowd:,}"
            self.fixed["crowdb"] = f"{crowd // rng.randint(2, 6) // 100 * 100:,}"
        killed = int(self.fixed["killed"])
        if key == "KILLED":
            return rng.choice((f"at least {_number(killed)} people", f"{_number(killed)} people"))
        if key == "KN":
            return str(killed) if self.headline_mode else _number(killed)
        if key == "WOUNDED":
            return rng.choice((f"{self.fixed['wounded']} others", "dozens more"))
        if key == "WN":
            return self.fixed["wounded"]
        return self.fixed["crowda" if key == "CROWDA" else "crowdb"]

    def _number_slot(self, key: str) -> str:
        rng = self.rng
        scoped = self.scope and key in ("NUM", "NUMK", "MONEY", "TROOPS", "TONNES")
        if scoped and (self.scope, key) in self.scoped:
            return self.scoped[(self.scope, key)]
        if key == "NUM":
            value = _number(rng.choice((2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 24, 30)))
        elif key == "NUMW":
            value = NUMBER_WORDS[rng.randint(2, 9)]
        elif key == "NUMK":
            value = _number(rng.randint(2, 40))
        elif key == "NUMCHILD":
            value = NUMBER_WORDS[rng.randint(2, 6)]
        elif key == "TROOPS":
            value = f"about {rng.randrange(5, 200) * 100:,} troops"
        elif key == "MONEY":
            amount = rng.choice(
                (
                    f"{rng.randrange(50, 950, 10)} million",
                    f"{rng.randint(1, 9)}.{rng.randint(1, 9)} billion",
                )
            )
            value = rng.choice((f"${amount}", f"€{amount}", f"{amount} euros", f"${amount}"))
        elif key == "PCT":
            value = f"{rng.randint(3, 45)} per cent"
        elif key == "PCTSMALL":
            value = f"{rng.randint(1, 4)}.{rng.randint(1, 9)} per cent"
        elif key == "COUNT":
            value = f"{rng.choice((120, 250, 400, 600, 1200, 3000, 8000, 15000, 40000)):,}"
        elif key == "MILLIONS":
            value = f"{rng.randint(1, 9)}.{rng.randint(1, 9)} million"
        elif key == "DRONEPAIR":
            total = rng.randint(12, 140)
            value = f"{rng.randint(total // 2, total)} of {total}"
        elif key == "KM":
            value = str(rng.randint(8, 240))
        elif key == "TONNES":
            value = f"{rng.randrange(20, 900, 10):,} tonnes"
        elif key == "ORD":
            value = rng.choice(ORDINALS)
        else:
            raise KeyError(key)
        if scoped:
            self.scoped[(self.scope, key)] = value
        return value

    def _day(self, _key: str) -> str:
        weekday = WEEKDAYS[self.event_day.weekday()]
        roll = self.rng.random()
        if roll < 0.75:
            return f"on {weekday}"
        if roll < 0.85:
            return f"late on {weekday}"
        if roll < 0.93:
            return f"early on {weekday}"
        return f"on {weekday} {'evening' if roll < 0.97 else 'morning'}"

    def _day_bare(self, _key: str) -> str:
        return WEEKDAYS[self.event_day.weekday()]

    def _past(self, _key: str) -> str:
        rng = self.rng
        day = self.day
        options = ["last week", "two weeks ago", "last month", self._month_past("")]
        if day.day > 8:
            options.append("earlier this month")
        earlier = day - timedelta(days=rng.randint(8, 90))
        if self.outlet.spelling == "us":
            options.append(f"on {MONTHS[earlier.month - 1]} {earlier.day}")
        else:
            options.append(f"on {earlier.day} {MONTHS[earlier.month - 1]}")
        return rng.choice(options)

    def _next(self, _key: str) -> str:
        rng = self.rng
        ahead = self.day + timedelta(days=rng.randint(1, 6))
        options = [
            "next week",
            f"on {WEEKDAYS[ahead.weekday()]}",
            "in the coming days",
            "next month",
            f"in {self._month_future('')}",
        ]
        if self.day.day < 20:
            options.append("later this month")
        if self.day.month < 11:
            options.append("before the end of the year")
        return rng.choice(options)

    def _month_past(self, _key: str) -> str:
        month = self.rng.randint(1, 11)
        target = self.day.month - month
        if target >= 1:
            return f"in {MONTHS[target - 1]}"
        return f"in {MONTHS[target + 11]} last year"

    def _month_future(self, _key: str) -> str:
        return MONTHS[(self.day.month - 1 + self.rng.randint(1, 4)) % 12]

    def _since(self, _key: str) -> str:
        rng = self.rng
        return rng.choice(
            (
                MONTHS[rng.randint(0, max(0, self.day.month - 2))],
                str(rng.randint(2014, self.day.year - 1)),
                "the start of the year",
            )
        )

    def _year(self, _key: str) -> str:
        return str(self.rng.randint(2008, self.day.year - 1))

    # -- headlines -----------------------------------------------------------------------------

    def _headlines(self, count: int) -> list[str]:
        rng = self.rng
        lines = self.tpl.headlines
        options = (
            lines["ANY"] + lines["POS" if self.positive else "NEG"] + lines.get(self.kind, []) * 2
        )
        seen_state = dict(self.seen)
        self.headline_mode = True
        self.map = {"X": "A", "Y": "B", "AB": "A"}
        titles: list[str] = []
        try:
            for _ in range(40):
                parsed = rng.choice(options)
                if not parsed[2] <= self.available:
                    continue
                text = self._render(parsed).replace("\x00,", "")
                text = text.replace("“", "‘").replace("”", "’")
                text = _fix_articles(_capitalize(text))
                if len(text.split()) <= 16 and text not in titles:
                    titles.append(text)
                if len(titles) == count:
                    break
        finally:
            self.headline_mode = False
            self.seen = seen_state
        while len(titles) < count:
            titles.append(f"{titles[0]} ({len(titles)})")
        return titles

    @staticmethod
    def _style_title(raw: str, outlet: Outlet) -> str:
        title = _title_case(raw) if outlet.title_case else raw
        if outlet.quotes == "straight":
            title = quote_style(title, "straight")
        return title


# ---------------------------------------------------------------------------------------------
# The stream: originals, syndicated copies and exact duplicates
# ---------------------------------------------------------------------------------------------


def _copy_positions(seed: int, block: int) -> dict[int, str]:
    rng = random.Random(f"{seed}:dups:{block}")
    start = block * BLOCK
    first = max(start, 10)
    picks = rng.sample(range(first, start + BLOCK), EXACT_PER_BLOCK + SYNDICATED_PER_BLOCK)
    return {i: ("duplicate" if j < EXACT_PER_BLOCK else "syndicated") for j, i in enumerate(picks)}


def _syndicate(source: Article, index: int, rng: random.Random) -> Article:
    outlet = rng.choice([o for o in OUTLETS if o is not source.outlet])
    paragraphs = source.text.split("\n\n")
    words = sum(len(p.split()) for p in paragraphs)
    # a few words changed
    swaps = list(SYNONYMS)
    rng.shuffle(swaps)
    changed = 0
    target = rng.randint(2, 6)
    for old, new in swaps:  # until enough words have changed ("said" always occurs)
        pattern = re.compile(rf"\b{old}\b")
        hits = [(i, m) for i, p in enumerate(paragraphs) for m in pattern.finditer(p)]
        if not hits:
            continue
        i, match = rng.choice(hits)
        text = paragraphs[i]
        paragraphs[i] = text[: match.start()] + new + text[match.end() :]
        changed += 1
        if changed >= target:
            break
    credit = rng.random()
    if credit < 0.6 and len(paragraphs) < MAX_PARAS:
        reporter = f"{rng.choice(REPORTER_FIRST)} {rng.choice(REPORTER_LAST)}"
        editor = f"{rng.choice(REPORTER_FIRST)} {rng.choice(REPORTER_LAST)}"
        line = (
            f"(Reporting by {source.byline}; Editing by {editor})"
            if rng.random() < 0.5
            else (f"(Reporting by {source.byline} and {reporter}; Writing by {editor})")
        )
        if words + len(line.split()) <= MAX_WORDS:
            paragraphs.append(line)
    elif credit < 0.8 and len(paragraphs) > MIN_PARAS:
        dropped = len(paragraphs[-1].split())
        if words - dropped >= MIN_WORDS:
            paragraphs.pop()
    title = source.alt_titles[rng.randrange(len(source.alt_titles))]
    title = Writer._style_title(title, outlet)
    day = source.published + timedelta(days=rng.choice((0, 0, 1)))
    slug = _slug(title)
    section = rng.choice(SECTIONS)
    url = f"https://{outlet.domain}/{section}/{day:%Y/%m/%d}/{slug}-{index:06d}"
    return Article(
        index,
        title,
        "\n\n".join(paragraphs),
        day,
        (rng.randint(5, 23), rng.randint(0, 59)),
        outlet,
        url,
        source.byline if rng.random() < 0.5 else outlet.name,
        section,
        [],
        "syndicated",
        source.index,
    )


def _duplicate(source: Article, index: int, rng: random.Random) -> Article:
    url = source.url if rng.random() < 0.5 else source.url + "?utm_source=rss&utm_medium=feed"
    return Article(
        index,
        source.title,
        source.text,
        source.published,
        source.clock,
        source.outlet,
        url,
        source.byline,
        source.section,
        [],
        "duplicate",
        source.index,
    )


def generate(n: int, seed: int = 1, kb: Knowledge | None = None) -> Iterator[Article]:
    """Yield n articles; the i-th depends only on (seed, i) and a bounded window of earlier ones."""
    kb = kb or Knowledge()
    writer = Writer(kb)
    recent: deque[Article] = deque(maxlen=RECENT)
    wires: deque[Article] = deque(maxlen=RECENT)
    positions: dict[int, str] = {}
    span = (LAST_DAY - FIRST_DAY).days
    for index in range(n):
        if index % BLOCK == 0:
            positions = _copy_positions(seed, index // BLOCK)
        rng = random.Random(f"{seed}:article:{index}")
        kind = positions.get(index)
        if kind and recent:
            if kind == "duplicate":
                yield _duplicate(rng.choice(recent), index, rng)
            else:
                source = rng.choice(wires if wires and rng.random() < 0.7 else recent)
                yield _syndicate(source, index, rng)
            continue
        day = FIRST_DAY + timedelta(days=rng.randint(0, span))
        outlet = rng.choice(OUTLETS)
        article = writer.write(index, rng, day, outlet)
        recent.append(article)
        if outlet.kind == "wire":
            wires.append(article)
        yield article


# ---------------------------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------------------------


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def _human_date(article: Article) -> str:
    day = article.published
    if article.outlet.spelling == "us":
        return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def render_page(article: Article, related: list[tuple[str, str]], rng: random.Random) -> str:
    """A full news page around the article: head metadata, navigation, share bar and so on."""
    outlet = article.outlet
    layout = outlet.layout
    paragraphs = article.text.split("\n\n")
    first = paragraphs[0]
    description = first if len(first) < 200 else first[:197].rsplit(" ", 1)[0] + "..."
    home = f"https://{outlet.domain}/"
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title,
            "datePublished": article.published_time,
            "author": {"@type": "Person", "name": article.byline},
            "publisher": {"@type": "Organization", "name": outlet.name},
            "url": article.url,
        },
        ensure_ascii=False,
    ).replace("</", "<\\/")
    nav = "".join(f'<li><a href="/{item.lower()}/">{item}</a></li>' for item in NAV)
    body_parts = []
    aside_at = rng.randint(2, max(2, len(paragraphs) - 2)) if related else -1
    for i, paragraph in enumerate(paragraphs):
        if i == aside_at:
            title, url = related[0]
            body_parts.append(
                f'<aside class="read-more"><strong>Read more:</strong> '
                f'<a href="{_attr(url)}">{_esc(title)}</a></aside>'
            )
        body_parts.append(f"<p>{_esc(paragraph)}</p>")
    body = "\n".join(body_parts)
    links = "".join(f'<li><a href="{_attr(u)}">{_esc(t)}</a></li>' for t, u in related)
    share = (
        f'<a class="share-facebook" href="https://www.facebook.com/sharer/sharer.php?u='
        f'{_attr(article.url)}">Facebook</a> <a class="share-x" href="https://x.com/intent/'
        f'post?url={_attr(article.url)}">X</a> <a class="share-email" href="mailto:?subject='
        f'{_attr(article.title)}">Email</a> <button type="button">Copy link</button>'
    )
    author_slug = re.sub(r"[^a-z]+", "-", article.byline.lower())
    byline = (
        f'<div class="byline">By <a rel="author" href="/authors/{author_slug}">'
        f'{_esc(article.byline)}</a> <span class="sep">|</span> <time datetime="'
        f'{article.published_time}">{_human_date(article)}</time></div>'
    )
    comment_form = (
        '<section id="comments" class="comments"><h3>Leave a comment</h3>'
        '<p class="note">Your email address will not be published. Required fields are marked *'
        '</p><form method="post" action="/comments"><label>Name * <input name="name" required>'
        '</label><label>Email * <input type="email" name="email" required></label>'
        '<label>Comment <textarea name="comment" rows="6"></textarea></label>'
        '<button type="submit">Post comment</button></form></section>'
    )
    year = article.published.year
    footer = (
        f'<footer class="site-footer"><p>&copy; {year} {_esc(outlet.name)}. All rights '
        'reserved.</p><ul><li><a href="/about/">About us</a></li><li><a href="/contact/">'
        'Contact</a></li><li><a href="/privacy/">Privacy policy</a></li><li><a href="/terms/'
        '">Terms of use</a></li></ul></footer>'
    )
    head = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(article.title)} | {_esc(outlet.name)}</title>\n"
        f'<meta name="description" content="{_attr(description)}">\n'
        f'<link rel="canonical" href="{_attr(article.url)}">\n'
        '<meta property="og:type" content="article">\n'
        f'<meta property="og:title" content="{_attr(article.title)}">\n'
        f'<meta property="og:description" content="{_attr(description)}">\n'
        f'<meta property="og:url" content="{_attr(article.url)}">\n'
        f'<meta property="og:site_name" content="{_attr(outlet.name)}">\n'
        f'<meta property="article:published_time" content="{article.published_time}">\n'
        f'<meta property="article:section" content="{article.section.title()}">\n'
        f'<meta name="author" content="{_attr(article.byline)}">\n'
        f'<script type="application/ld+json">{ld}</script>\n'
        '<link rel="stylesheet" href="/static/css/site.css">\n</head>\n'
    )
    header = (
        f'<header class="site-header"><a class="logo" href="{home}">{_esc(outlet.name)}</a>'
        f'<nav class="main-nav" aria-label="Sections"><ul>{nav}</ul></nav>'
        '<a class="subscribe" href="/subscribe/">Subscribe</a></header>\n'
    )
    article_html = (
        f'<article class="story">\n<h1>{_esc(article.title)}</h1>\n{byline}\n'
        f'<div class="story-body">\n{body}\n</div>\n</article>\n'
    )
    related_html = (
        f'<section class="related"><h2>Related stories</h2><ul>{links}</ul></section>\n'
        if links
        else ""
    )
    share_html = f'<div class="share-bar"><span>Share this article:</span> {share}</div>\n'
    newsletter = (
        '<div class="newsletter"><h3>Get the morning briefing</h3><form action="/'
        'newsletter/"><input type="email" name="email" placeholder="Your email">'
        "<button>Sign up</button></form></div>\n"
    )
    cookie = (
        '<div id="cookie-banner">We use cookies to improve your experience. '
        "<button>Accept</button></div>\n"
    )
    if layout == 0:
        main = f"<main>\n{article_html}{share_html}{related_html}{comment_form}\n</main>\n"
    elif layout == 1:
        crumbs = (
            f'<div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/'
            f'{article.section}/">{article.section.title()}</a></div>\n'
        )
        main = (
            f'<div class="page">\n{crumbs}<main class="content">\n{share_html}{article_html}'
            f'{share_html}</main>\n<aside class="sidebar">{related_html}{newsletter}'
            f"</aside>\n{comment_form}\n</div>\n"
        )
    else:
        main = (
            f'<main id="main">\n<div class="container">\n{article_html}</div>\n{share_html}'
            f"{newsletter}{related_html}{comment_form}\n</main>\n"
        )
    script = '<script src="/static/js/analytics.js" async></script>\n' if rng.random() < 0.8 else ""
    return (
        f'{head}<body class="article-page layout-{layout}">\n{cookie if layout == 2 else ""}'
        f"{header}{main}{footer}\n{script}</body>\n</html>\n"
    )


# ---------------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------------


@dataclass
class Stats:
    articles: int = 0
    files: int = 0
    bytes: int = 0
    words: list[int] = field(default_factory=list)
    kinds: dict[str, int] = field(default_factory=dict)


def _pages(articles: Iterator[Article], seed: int) -> Iterator[tuple[Article, str, random.Random]]:
    related: deque[tuple[str, str]] = deque(maxlen=40)
    for article in articles:
        rng = random.Random(f"{seed}:page:{article.index}")
        links = rng.sample(list(related), min(5, len(related)))
        yield article, render_page(article, links, rng), rng
        if article.kind == "original":
            related.append((article.title, article.url))


def write_jsonl(articles: Iterator[Article], out: Path, shard_size: int, stats: Stats) -> None:
    handle = None
    raw = None
    for article in articles:
        if article.index % shard_size == 0:
            if handle is not None and raw is not None:
                handle.close()
                raw.close()
            path = out / f"corpus-{article.index // shard_size:05d}.jsonl.gz"
            raw = path.open("wb")
            handle = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6)
            stats.files += 1
        assert handle is not None
        line = json.dumps(article.record(), ensure_ascii=False) + "\n"
        handle.write(line.encode("utf-8"))
        _count(stats, article)
    if handle is not None and raw is not None:
        handle.close()
        raw.close()


def write_html(articles: Iterator[Article], out: Path, seed: int, stats: Stats) -> None:
    folder = out / "html"
    folder.mkdir(parents=True, exist_ok=True)
    for article, page, _rng in _pages(articles, seed):
        (folder / f"{article.index:06d}.html").write_bytes(page.encode("utf-8"))
        stats.files += 1
        _count(stats, article)


def write_warc(
    articles: Iterator[Article], out: Path, seed: int, shard_size: int, stats: Stats
) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    raw = None
    writer = None
    info_id = ""
    for article, page, rng in _pages(articles, seed):
        if article.index % shard_size == 0:
            if raw is not None:
                raw.close()
            shard = article.index // shard_size
            name = f"crawl-{shard:05d}.warc.gz"
            raw = (out / name).open("wb")
            writer = WARCWriter(raw, gzip=True)
            info_rng = random.Random(f"{seed}:warcinfo:{shard}")
            info_id = f"<urn:uuid:{uuid.UUID(int=info_rng.getrandbits(128), version=4)}>"
            info = writer.create_warcinfo_record(
                name,
                {
                    "software": "sitrep bench/corpus.py (synthetic CC-NEWS-style crawl)",
                    "format": "WARC File Format 1.0",
                    "isPartOf": f"SITREP-BENCH-NEWS-seed{seed}",
                    "description": "Invented wire-style news for benchmarks; not real news.",
                    "operator": "sitrep benchmarks",
                },
            )
            info.rec_headers.replace_header("WARC-Record-ID", info_id)
            info.rec_headers.replace_header("WARC-Date", CRAWL_EPOCH)
            writer.write_record(info)
            stats.files += 1
        assert writer is not None
        body = page.encode("utf-8")
        crawled = datetime(
            article.published.year,
            article.published.month,
            article.published.day,
            article.clock[0],
            article.clock[1],
        ) + timedelta(minutes=rng.randint(5, 36 * 60), seconds=rng.randint(0, 59))
        http_date = (
            f"{WEEKDAYS[crawled.weekday()][:3]}, {crawled.day:02d} "
            f"{MONTHS[crawled.month - 1][:3]} {crawled:%Y %H:%M:%S} GMT"
        )
        http_headers = StatusAndHeaders(
            "200 OK",
            [
                ("Date", http_date),
                ("Server", rng.choice(("nginx", "Apache", "cloudflare"))),
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "max-age=300"),
            ],
            protocol="HTTP/1.1",
        )
        record_id = f"<urn:uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}>"
        ip = (
            f"{rng.choice((192, 198, 203))}.{rng.choice((0, 51, 18))}.{rng.randint(1, 254)}."
            f"{rng.randint(1, 254)}"
        )
        record = writer.create_warc_record(
            article.url,
            "response",
            payload=io.BytesIO(body),
            http_headers=http_headers,
            warc_headers_dict={
                "WARC-Record-ID": record_id,
                "WARC-Date": f"{crawled:%Y-%m-%dT%H:%M:%SZ}",
                "WARC-IP-Address": ip,
                "WARC-Warcinfo-ID": info_id,
                "WARC-Identified-Payload-Type": "text/html",
            },
        )
        writer.write_record(record)
        _count(stats, article)
    if raw is not None:
        raw.close()


def _count(stats: Stats, article: Article) -> None:
    stats.articles += 1
    stats.words.append(len(article.text.split()))
    stats.kinds[article.kind] = stats.kinds.get(article.kind, 0) + 1


def write_corpus(
    out: Path,
    n: int,
    seed: int = 1,
    fmt: str = "jsonl",
    shard_size: int = 5000,
    kb: Knowledge | None = None,
) -> Stats:
    """Generate n articles into out in one format; returns counts and word lengths."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    if shard_size < 1:
        raise ValueError("shard size must be at least 1")
    out.mkdir(parents=True, exist_ok=True)
    stats = Stats()
    articles = generate(n, seed, kb)
    if fmt == "jsonl":
        write_jsonl(articles, out, shard_size, stats)
    elif fmt == "html":
        write_html(articles, out, seed, stats)
    else:
        write_warc(articles, out, seed, shard_size, stats)
    stats.bytes = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20000, help="number of articles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--format", choices=FORMATS, default="jsonl")
    parser.add_argument(
        "--shard-size", type=int, default=5000, help="articles per .jsonl.gz or .warc.gz file"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    stats = write_corpus(args.out, args.n, args.seed, args.format, args.shard_size)
    elapsed = time.perf_counter() - started
    words = sorted(stats.words) or [0]
    kinds = ", ".join(f"{v} {k}" for k, v in sorted(stats.kinds.items()))
    print(
        f"{stats.articles} articles ({kinds}) in {stats.files} files, "
        f"{stats.bytes / 1e6:.1f} MB, {elapsed:.1f}s; words min "
        f"{words[0]} median {words[len(words) // 2]} max {words[-1]}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
