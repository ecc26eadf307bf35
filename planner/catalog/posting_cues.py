"""Wording cues the posting extractor reads: level, importance, negation, and words to ignore.

Plain data, kept apart from the code so that a cue can be added without touching the logic.
Every phrase is matched case-insensitively on word boundaries; the longest phrase wins.
"""

from __future__ import annotations

from typing import Final

# The proficiency level (1..5, see planner.catalog.scale) a phrase implies for the skills it
# qualifies. Closest cue before the skill in the same clause wins, else the closest after it.
LEVEL_CUES: Final[dict[str, int]] = {
    # 1 Awareness
    "awareness of": 1,
    "aware of": 1,
    "heard of": 1,
    # 2 Beginner
    "familiarity with": 2,
    "familiarity": 2,
    "familiar with": 2,
    "exposure to": 2,
    "exposure": 2,
    "basic": 2,
    "basics": 2,
    "basic knowledge": 2,
    "basic understanding": 2,
    "introductory": 2,
    "some experience": 2,
    "some knowledge": 2,
    "interest in": 1,
    "understanding of": 2,
    "grasp of": 2,
    "willingness to learn": 1,
    # 3 Working
    "working knowledge": 3,
    "knowledge of": 3,
    "experience with": 3,
    "experience in": 3,
    "experienced in": 3,
    "experienced with": 3,
    "hands-on": 3,
    "hands on": 3,
    "proficient": 3,
    "proficiency": 3,
    "competent": 3,
    "comfortable with": 3,
    "skills in": 3,
    "skilled in": 3,
    "solid": 3,
    "good understanding": 3,
    "good knowledge": 3,
    "practical experience": 3,
    "ability to": 3,
    "use of": 3,
    # 4 Advanced
    "strong": 4,
    "extensive": 4,
    "extensive experience": 4,
    "advanced": 4,
    "in-depth": 4,
    "in depth": 4,
    "deep understanding": 4,
    "deep knowledge": 4,
    "thorough": 4,
    "excellent": 4,
    "highly proficient": 4,
    "expertise in": 4,
    "expertise": 4,
    "proven": 4,
    "significant experience": 4,
    # 5 Expert
    "deep expertise": 5,
    "expert": 5,
    "expert-level": 5,
    "mastery": 5,
    "mastery of": 5,
    "master": 5,
    "lead": 5,
    "leading": 5,
    "authority on": 5,
    "world-class": 5,
    "recognised authority": 5,
    "recognized authority": 5,
}

# Phrases that make a mention merely preferred; anything else defaults to required.
PREFERRED_CUES: Final[tuple[str, ...]] = (
    "nice to have",
    "nice-to-have",
    "preferred",
    "preferably",
    "a plus",
    "is a plus",
    "bonus",
    "a bonus",
    "beneficial",
    "desirable",
    "desired",
    "advantageous",
    "prefer",
    "an advantage",
    "an asset",
    "ideally",
    "optional",
    "sometimes",
    "helpful",
    "welcome",
    "would be great",
    "good to have",
    "not required but",
    "not essential but",
    "may be required",
)
# Cues that only qualify what follows them ("sometimes Scala", "ideally Go"); every other
# importance cue may also close a list ("Scala or Erlang is beneficial").
FORWARD_ONLY: Final[frozenset[str]] = frozenset(
    {
        "preferably",
        "ideally",
        "sometimes",
        "prefer",
        "not required but",
        "not essential but",
        "must",
        "must have",
        "must-have",
        "minimum",
        "at least",
        "requires",
        "require",
    }
)
# Level cues that may follow the skill they qualify ("Python (expert)", "SQL proficiency").
LEVEL_AFTER: Final[frozenset[str]] = frozenset(
    {"expert", "expert-level", "proficient", "proficiency", "expertise", "mastery", "familiarity"}
)

REQUIRED_CUES: Final[tuple[str, ...]] = (
    "required",
    "requires",
    "require",
    "must",
    "must have",
    "must-have",
    "essential",
    "mandatory",
    "necessary",
    "needed",
    "a must",
    "minimum",
    "at least",
)

# Words that turn the skills after them (in the same clause) into non-requirements.
NEGATORS_BEFORE: Final[tuple[str, ...]] = (
    "no",
    "not",
    "without",
    "never",
    "no need for",
    "no prior",
    "neither",
    "nor",
)
# Phrases that undo a negator: "not only", "not limited to" still ask for the skill.
NEGATION_EXCEPTIONS: Final[tuple[str, ...]] = (
    "not only",
    "not just",
    "not limited to",
    "but not limited to",
    "no less than",
    "not least",
)
# Phrases after a skill that say it is not needed.
NEGATORS_AFTER: Final[tuple[str, ...]] = (
    "not required",
    "not needed",
    "not necessary",
    "not expected",
    "not essential",
    "not mandatory",
    "not a requirement",
    "is unnecessary",
    "unnecessary",
    "isn't required",
    "aren't required",
    "isn't needed",
    "aren't needed",
    "not a must",
)

# Catalog aliases the extractor never trusts on their own: in postings they usually mean
# something else (CV = résumé, PM = afternoon, PCA = principal component analysis, ...).
AMBIGUOUS_TERMS: Final[frozenset[str]] = frozenset(
    {"CV", "PM", "ACE", "PCA", "PDE", "OTP", "TF", "DL", "FP", "py", "Rlang", "kube", "stats"}
)

# Nouns naming a job: "ML Engineers", "Data Scientists". A skill term directly followed by one
# names a colleague or a title, not something asked of the candidate.
JOB_NOUNS: Final[frozenset[str]] = frozenset(
    {
        "engineer",
        "engineers",
        "architect",
        "architects",
        "scientist",
        "scientists",
        "developer",
        "developers",
        "analyst",
        "analysts",
        "manager",
        "managers",
        "officer",
        "officers",
        "consultant",
        "consultants",
        "specialist",
        "specialists",
        "administrator",
        "administrators",
        "advocate",
        "advocates",
        "researcher",
        "researchers",
        "team",
        "teams",
    }
)

# ...except for tools and languages: a "Python developer" or an "AWS architect" needs them.
JOB_NOUN_KEEPS: Final[frozenset[str]] = frozenset(
    {"programming-languages", "cloud-platforms", "containers-orchestration", "ml-frameworks"}
)

# Seniority from words in a title, checked in this order.
SENIORITY_WORDS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("executive", ("chief", "cto", "cio", "cdo", "caio", "vp", "vice president", "head of")),
    ("lead", ("lead", "principal", "manager", "director")),
    ("senior", ("senior", "sr", "staff")),
    ("entry", ("junior", "jr", "associate", "entry", "graduate", "intern", "trainee")),
)

# Capitalised words that start list items in postings but are not product names.
COMMON_CAPITALISED: Final[frozenset[str]] = frozenset(
    # (SIM905 would have a list literal; a word list reads better as words.)
    """
    a an and the or of in on for to with by from as at is are be this that these those it its
    our your their we you they he she his her who what when where why how which all any each
    every some many most more other such etc e.g i.e ie eg vs via per
    strong excellent good solid proven deep basic advanced working hands experience knowledge
    understanding familiarity proficiency ability skills skill expertise tools tool
    frameworks framework platforms platform languages language technologies technology
    services service systems system data cloud modern major various relevant related key core
    including include includes like using use new high low large small real big
    bachelor bachelors master masters phd ph msc bsc mba degree degrees
    certification certifications
    computer science engineering information mathematics statistics physics
    required preferred plus bonus nice must optional
    senior junior lead principal staff associate chief head manager director
    us usa uk eu remote hybrid office full time part
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """.split()  # noqa: SIM905
)

# Posting phrasings that ask for a skill without naming it. General wording, not names (those
# are catalog aliases); a skill id the catalog lacks is ignored.
SKILL_HINTS: Final[dict[str, tuple[str, ...]]] = {
    "stakeholder-management": (
        "stakeholders",
        "stakeholder relationships",
        "client relationships",
        "client management",
        "relationship management",
    ),
    "business-acumen": (
        "business goals",
        "business objectives",
        "business needs",
        "business impact",
        "business value",
        "business outcomes",
        "industry knowledge",
        "domain knowledge",
    ),
    "project-management": (
        "manage projects",
        "managing projects",
        "lead projects",
        "leading projects",
        "project delivery",
        "project leadership",
    ),
    "communication": (
        "written and verbal",
        "verbal and written",
        "written and oral",
        "oral and written",
        "explain complex",
        "convey complex",
        "present findings",
    ),
    "data-governance": ("governance", "data standards", "data quality standards"),
    "mentoring": ("training staff", "train staff", "train junior", "training junior"),
    "data-visualization": ("metrics reporting", "KPI reporting"),
    "linear-algebra": ("applied mathematics", "applied math", "applied maths"),
    "cloud-fundamentals": (
        "cloud environments",
        "cloud platforms",
        "cloud services",
        "cloud technologies",
        "cloud infrastructure",
    ),
    "version-control": ("versioning",),
    "data-warehousing": ("analytical data stores", "analytical data store"),
    "data-pipelines": ("large datasets", "large data sets", "large-scale data processing"),
    "data-quality": ("data integrity", "data accuracy"),
    "technical-strategy": (
        "technical decisions",
        "technology decisions",
        "technology choices",
        "architectural decisions",
        "architecture decisions",
    ),
    "machine-learning-fundamentals": ("machine learning algorithms", "ML algorithms"),
    "data-analysis": (
        "analyze data",
        "analyse data",
        "analyzing data",
        "analysing data",
        "data insights",
        "insights from data",
        "analytics",
    ),
    "performance-tuning": (
        "optimize performance",
        "optimise performance",
        "optimize system performance",
        "optimise system performance",
        "performance enhancement",
        "performance improvement",
        "performance bottlenecks",
        "runtime performance",
        "run-time performance",
    ),
    "model-evaluation": (
        "evaluate models",
        "validate models",
        "model accuracy",
        "A/B testing",
        "experiments",
        "experimentation",
        "model development",
    ),
    "model-deployment": ("deploy models", "deploying models", "models into production"),
    "requirements-analysis": (
        "gather requirements",
        "gathering requirements",
        "analyzing requirements",
        "analysing requirements",
    ),
    "security-fundamentals": ("encryption", "access control"),
    "relational-databases": (
        "database systems",
        "database design",
        "database technologies",
        "database optimization",
        "database optimisation",
        "query optimization",
        "query optimisation",
    ),
}

# Wording with words in between ("analyse large data sets", "optimise the system's
# performance"), as regular expressions matched case-insensitively within one segment.
PATTERN_HINTS: Final[dict[str, tuple[str, ...]]] = {
    "data-analysis": (
        r"\banaly[sz](?:e|es|ed|ing|is)\b(?:\s+of)?(?:\s+[\w-]+){0,2}?\s+(?:data|datasets?)\b",
    ),
    "performance-tuning": (
        r"\b(?:optimi[sz](?:e|es|ing)|tun(?:e|es|ing)|improv(?:e|es|ing))\s+(?:[\w'-]+\s+){0,3}?"
        r"performance\b",
    ),
    "model-deployment": (r"\bdeploy(?:s|ing|ment\s+of)?\s+(?:[\w-]+\s+){0,3}?models?\b",),
    "mentoring": (
        r"\b(?:provid|deliver|run|lead)\w*\s+(?:[\w-]+\s+){0,2}?(?:training|education)\b",
    ),
    "technical-writing": (
        r"\b(?:writ|draft|develop)\w*\s+(?:[\w-]+\s+){0,2}?"
        r"(?:policies|guidelines|documentation|specifications|runbooks)\b",
    ),
    "data-visualization": (r"\breport(?:s|ing)?\s+on\s+(?:[\w-]+\s+){0,3}?(?:metrics|KPIs)\b",),
}

# The first letters of every PATTERN_HINTS pattern (each starts at a word): a pattern is only
# tried where a word starts so.
PATTERN_HINT_STARTS: Final[tuple[str, ...]] = (
    "analy",
    "optimi",
    "tun",
    "improv",
    "deploy",
    "provid",
    "deliver",
    "run",
    "lead",
    "writ",
    "draft",
    "develop",
    "report",
)

# Phrases that contain a skill's name but name something else: people ("senior leadership"),
# or things the employer offers or uses ("mentorship programs", "communication tools").
NOT_SKILLS: Final[tuple[str, ...]] = (
    "senior leadership",
    "executive leadership",
    "leadership team",
    "mentorship programs",
    "mentoring programs",
    "communication tools",
)

# Words that derive verbs and adjectives from a soft skill's name: "collaborate",
# "collaborative" and "collaboration" all ask for the same thing. Longest first.
SOFT_SKILL_SUFFIXES: Final[tuple[str, ...]] = (
    "ations",
    "ation",
    "atives",
    "ative",
    "ating",
    "ated",
    "ates",
    "ate",
    "ings",
    "ing",
    "ions",
    "ion",
    "ed",
    "es",
    "s",
)
# Catalog categories whose one-word names are matched by stem (see SOFT_SKILL_SUFFIXES).
STEMMED_CATEGORIES: Final[frozenset[str]] = frozenset({"soft-skills", "leadership"})
# A product named after its platform ("Azure Data Factory", "Spark SQL") also asks for the
# platform when the platform is one of these categories.
IMPLIED_CATEGORIES: Final[frozenset[str]] = frozenset(
    {"cloud-platforms", "programming-languages", "ml-frameworks", "data-engineering"}
)
# A term followed by one of these names what a thing is built with, not a skill asked of the
# candidate: "AI-powered résumé builder", "data-driven".
MODIFIER_SUFFIXES: Final[tuple[str, ...]] = ("-powered", "-driven", "-enabled", "-based")

# Headings of sections that describe the market, pay or the employer, not the candidate.
SKIPPED_SECTIONS: Final[tuple[str, ...]] = (
    "salary",
    "salaries",
    "compensation",
    "benefits",
    "perks",
    "market",
    "trends",
    "outlook",
    "about us",
    "about the company",
    "why join",
    "equal opportunity",
    "work environment",
)
