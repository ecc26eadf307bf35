"""The posting extractor's wording rules, one by one, on the shipped catalog."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.catalog import builtin_catalog
from planner.catalog.catalog import Catalog
from planner.catalog.posting import Extraction, extract_requirements
from planner.catalog.posting_cues import PATTERN_HINT_STARTS, PATTERN_HINTS
from planner.catalog.posting_match import matcher_for
from planner.catalog.schema import Role
from planner.catalog.validation import to_data, validate
from planner.errors import InvalidInputError


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return builtin_catalog()


def found(text: str) -> Extraction:
    return extract_requirements(text, builtin_catalog())


def requirement(text: str, skill_id: str) -> tuple[int, str]:
    by_id = {r.skill_id: r for r in found(text).requirements}
    assert skill_id in by_id, (text, sorted(by_id))
    return by_id[skill_id].level, by_id[skill_id].importance


# --- names, aliases, abbreviations, plurals, versions -------------------------------------


@pytest.mark.parametrize(
    ("text", "skill_id"),
    [
        ("Run services on k8s", "kubernetes"),
        ("Deploy on GCP", "gcp"),
        ("Tune Postgres queries", "relational-databases"),
        ("Write PySpark jobs", "spark"),
        ("Java 17 services", "java"),
        ("Python3.11 scripts", "python"),
        ("Own the data pipelines", "data-pipelines"),
        ("Build a Data Pipeline", "data-pipelines"),
        ("Kafka topics", "kafka"),
        ("containerized services", "docker"),
        ("fault-tolerant services", "fault-tolerance"),
        ("dashboards in PowerBI", "data-visualization"),
        ("a collaborative team player", "collaboration"),
        ("mentored junior engineers", "mentoring"),
        ("Amazon Web Services (AWS)", "aws"),
        ("C++ and Go", "cpp"),
        ("C++ and Go", "go"),
    ],
)
def test_skills_are_found_by_name_alias_abbreviation_plural_or_version(
    text: str, skill_id: str
) -> None:
    assert skill_id in found(text).skill_ids


@pytest.mark.parametrize(
    ("text", "skill_id"),
    [
        ("we go further together", "go"),
        ("ideas that spark interest", "spark"),
        ("a raft of changes", "distributed-algorithms"),
        ("R&D budget", "r-language"),
        ("send us your CV", "computer-vision"),
        ("Work with ML engineers and data scientists", "machine-learning-fundamentals"),
        ("Partner with our DevOps team", "devops-practices"),
        ("Use our AI-powered builder", "machine-learning-fundamentals"),
        ("interface with senior leadership", "team-leadership"),
        ("Apply at https://jobs.example.org/go", "network-protocols"),
        ("Apply at https://jobs.example.org/go", "go"),
    ],
)
def test_ordinary_words_job_titles_and_modifiers_are_not_skills(text: str, skill_id: str) -> None:
    assert skill_id not in found(text).skill_ids


def test_a_product_named_after_its_platform_also_names_the_platform() -> None:
    assert {"data-orchestration", "azure"} <= found("Pipelines in Azure Data Factory").skill_ids


# --- levels -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Awareness of Kafka", 1),
        ("Familiarity with Kafka", 2),
        ("Exposure to Kafka", 2),
        ("Basic knowledge of Kafka", 2),
        ("Working knowledge of Kafka", 3),
        ("Experience with Kafka", 3),
        ("Proficient in Kafka", 3),
        ("Strong understanding of Kafka", 4),
        ("Advanced Kafka skills", 4),
        ("Deep expertise in Kafka", 5),
        ("Mastery of Kafka", 5),
        ("Kafka (expert)", 5),
    ],
)
def test_the_wording_sets_the_level(text: str, level: int) -> None:
    assert requirement(text, "kafka")[0] == level


def test_each_skill_takes_the_cue_nearest_to_it() -> None:
    text = "Strong SQL skills, familiarity with Docker"
    assert requirement(text, "sql")[0] == 4
    assert requirement(text, "docker")[0] == 2


def test_without_a_cue_required_skills_are_working_and_preferred_ones_beginner() -> None:
    assert requirement("Requirements\n- Terraform", "infrastructure-as-code") == (3, "required")
    assert requirement("Nice to have\n- Terraform", "infrastructure-as-code") == (2, "preferred")


_SKILL_NAMES = [s.name for s in builtin_catalog().skills.values() if len(s.name) > 3]
_LOW = ["Familiarity with", "Exposure to", "Basic knowledge of"]
_MID = ["Working knowledge of", "Experience with", "Proficiency in"]
_HIGH = ["Deep expertise in", "Mastery of", "Expert knowledge of"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(_SKILL_NAMES),
    low=st.sampled_from(_LOW),
    mid=st.sampled_from(_MID),
    high=st.sampled_from(_HIGH),
)
def test_lower_wording_never_asks_for_more_than_higher_wording(
    name: str, low: str, mid: str, high: str
) -> None:
    levels = []
    for cue in (low, mid, high):
        requirements = found(f"{cue} {name}").requirements
        assert len(requirements) >= 1, (cue, name)
        levels.append(requirements[0].level)
    assert levels[0] < levels[1] < levels[2], (name, levels)


# --- importance ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "skill_id", "importance"),
    [
        ("Kafka is a plus", "kafka", "preferred"),
        ("Experience with Kafka is nice to have", "kafka", "preferred"),
        ("Kafka experience preferred", "kafka", "preferred"),
        ("Bonus: Kafka", "kafka", "preferred"),
        ("Kafka is required", "kafka", "required"),
        ("Must have Kafka", "kafka", "required"),
        ("Proficiency in SQL, Python, and sometimes Scala", "scala", "preferred"),
        ("Proficiency in SQL, Python, and sometimes Scala", "sql", "required"),
        ("Scala or Erlang is beneficial", "erlang", "preferred"),
        ("Python is required; Go is preferred", "python", "required"),
        ("Python is required; Go is preferred", "go", "preferred"),
    ],
)
def test_the_wording_sets_the_importance(text: str, skill_id: str, importance: str) -> None:
    assert requirement(text, skill_id)[1] == importance


def test_a_nice_to_have_heading_makes_its_list_preferred_until_the_next_heading() -> None:
    text = "Nice to have\n- Kafka\n- Flink\nRequirements\n- Python"
    assert requirement(text, "kafka")[1] == "preferred"
    assert requirement(text, "stream-processing")[1] == "preferred"
    assert requirement(text, "python")[1] == "required"


def test_a_required_mention_outweighs_a_preferred_one() -> None:
    assert requirement("Kafka is a plus.\nKafka is required.", "kafka")[1] == "required"


# --- negation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "No Kubernetes experience needed.",
        "Kubernetes is not required.",
        "Kubernetes experience isn't required for this role.",
        "You will work without Kubernetes.",
        "Python is a must, but no Kubernetes.",
    ],
)
def test_skills_in_a_negative_context_are_not_requirements(text: str) -> None:
    assert "kubernetes" not in found(text).skill_ids


@pytest.mark.parametrize(
    "text",
    [
        "Languages including but not limited to Java",
        "Not only Java but also Python",
        "Java is required, not Kubernetes",
    ],
)
def test_negation_does_not_reach_past_its_phrase(text: str) -> None:
    assert "java" in found(text).skill_ids


def test_a_positive_mention_survives_a_negative_one_elsewhere() -> None:
    assert "kubernetes" in found("Kubernetes is required.\nNo k8s admin work.").skill_ids


# --- years, degrees, certifications -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("5+ years of experience in data engineering", 5),
        ("At least three years of professional experience", 3),
        ("3-5 years in backend development", 3),
        ("Experience: 4+ years", 4),
        ("7+ years of experience for senior roles. 2+ years of industry experience", 2),
        ("Senior roles (5+ years experience): $300,000", None),
        ("We were founded 20 years ago", None),
    ],
)
def test_minimum_years_of_experience(text: str, years: float | None) -> None:
    assert found(text).min_years == years


def test_degrees_with_fields_and_importance() -> None:
    education = found(
        "Bachelor's degree in Computer Science or Mathematics is required. "
        "A Master's degree is preferred. PhD in Statistics is a plus."
    ).education
    by_level = {e.level: e for e in education}
    assert by_level["bachelor"].fields == ("Computer Science", "Mathematics")
    assert by_level["bachelor"].importance == "required"
    assert by_level["master"].importance == "preferred"
    assert by_level["phd"].importance == "preferred"
    assert [e.level for e in education] == ["bachelor", "master", "phd"]


def test_an_unqualified_higher_degree_is_preferred_and_the_lowest_required() -> None:
    education = found("BS in Computer Science. MS in Data Science.").education
    assert [(e.level, e.fields, e.importance) for e in education] == [
        ("bachelor", ("Computer Science",), "required"),
        ("master", ("Data Science",), "preferred"),
    ]


def test_master_as_a_verb_is_not_a_degree() -> None:
    assert found("Master Kubernetes and Go").education == ()


@pytest.mark.parametrize(
    ("text", "cert_id", "importance"),
    [
        ("CKA certification is required", "cka", "required"),
        (
            "AWS Certified Solutions Architect – Associate is a plus",
            "aws-solutions-architect-associate",
            "preferred",
        ),
        (
            "Certifications such as AWS Certified Solutions Architect",
            "aws-solutions-architect-associate",
            "preferred",
        ),
        (
            "Microsoft Certified: Azure Solutions Architect Expert",
            "azure-solutions-architect-expert",
            "preferred",
        ),
    ],
)
def test_certifications_by_name_alias_or_family(text: str, cert_id: str, importance: str) -> None:
    certifications = {c.certification_id: c for c in found(text).certifications}
    assert cert_id in certifications, (text, sorted(certifications))
    assert certifications[cert_id].importance == importance


def test_a_certification_name_is_not_also_read_as_skills() -> None:
    assert "azure" not in found("Microsoft Certified: Azure Solutions Architect Expert").skill_ids


# --- unknown tool names -------------------------------------------------------------------


def test_unknown_tool_names_in_a_tool_list_are_offered() -> None:
    extraction = found("Experience with Dagster, ClickHouse and dbt is a plus.")
    assert extraction.unknown_terms == ("ClickHouse",)
    assert {"data-orchestration", "dbt"} <= extraction.skill_ids


@pytest.mark.parametrize(
    "text",
    [
        "We are a Fortune 500 company based in London.",
        "Experience with Kubernets and Terraform",  # a misspelt catalog name
        "Certifications such as Microsoft Certified: Azure Fundamentals",
        "Salary\nTop companies such as Meta pay well",
        "Strong Communication skills, such as Presenting",
    ],
)
def test_prose_typos_certificates_and_off_topic_sections_give_no_unknown_terms(
    text: str,
) -> None:
    assert found(text).unknown_terms == ()


_ALL_NAMES = [n for s in builtin_catalog().skills.values() for n in (s.name, *s.aliases)]


@settings(max_examples=60, deadline=None)
@given(names=st.lists(st.sampled_from(_ALL_NAMES), min_size=1, max_size=4))
def test_catalog_names_are_never_offered_as_unknown(names: list[str]) -> None:
    text = f"Experience with Zorblax, {', '.join(names)}."
    extraction = found(text)
    assert extraction.unknown_terms == ("Zorblax",)


# --- the role built from a posting --------------------------------------------------------

POSTING = """Senior Data Platform Engineer

We build the data platform our analysts rely on. You will own it end to end.

Responsibilities
- Design and run batch and streaming pipelines
- Review designs with the team

Requirements
- 5+ years of experience in data engineering
- Deep expertise in PySpark and Postgres
- Bachelor's degree in Computer Science
- CKA is a plus
"""


def test_to_role_builds_a_valid_custom_role(catalog: Catalog) -> None:
    role = extract_requirements(POSTING, catalog).to_role(
        "Senior Data Platform Engineer", "senior-data-platform-engineer", "posting.md"
    )
    assert validate(Role, to_data(role)) == role
    assert role.family == "custom" and role.seniority == "senior"
    assert role.sources == ("posting.md",)
    assert role.min_years_experience == 5
    assert role.summary.startswith("We build the data platform")
    assert role.responsibilities == (
        "Design and run batch and streaming pipelines",
        "Review designs with the team",
    )
    assert {r.any_of[0]: r.level for r in role.requirements} == {
        "spark": 5,
        "relational-databases": 5,
    }
    assert [c.any_of for c in role.certifications] == [("cka",)]
    assert [(e.level, e.fields) for e in role.education] == [("bachelor", ("Computer Science",))]


@pytest.mark.parametrize(
    ("title", "seniority"),
    [("Junior Analyst", "entry"), ("Staff Engineer", "senior"), ("Head of Data", "executive")],
)
def test_seniority_is_guessed_from_the_title(title: str, seniority: str) -> None:
    assert found("Python developer work").to_role(title, "x", "s").seniority == seniority


def test_a_posting_with_no_known_skill_cannot_become_a_role() -> None:
    with pytest.raises(InvalidInputError, match="add at least one skill"):
        found("We are hiring. Apply today.").to_role("Engineer", "engineer", "p.txt")


def test_a_bad_role_id_is_a_clear_error() -> None:
    with pytest.raises(InvalidInputError, match="cannot be built"):
        found("Python").to_role("Engineer", "Not A Slug", "p.txt")


def test_the_json_form_holds_every_part() -> None:
    data = json.loads(json.dumps(found(POSTING).to_json()))
    assert {r["id"] for r in data["requirements"]} == {"spark", "relational-databases"}
    first = data["requirements"][0]
    assert set(first) >= {"id", "name", "level", "importance", "sentence"}
    assert first["sentence"] == "Deep expertise in PySpark and Postgres"
    assert data["min_years_experience"] == 5
    assert data["certifications"][0]["id"] == "cka"


# --- robustness ---------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_a_well_formed_extraction(text: str) -> None:
    extraction = found(text)
    sentences = {s.text for s in extraction.segments}
    for r in extraction.requirements:
        assert 1 <= r.level <= 5 and r.importance in ("required", "preferred")
        assert r.sentence in sentences
    assert len({r.skill_id for r in extraction.requirements}) == len(extraction.requirements)


def test_the_matcher_is_built_once_per_catalog(catalog: Catalog) -> None:
    assert matcher_for(catalog) is matcher_for(catalog)
    other = Catalog(dict(catalog.skills), dict(catalog.certifications), dict(catalog.roles))
    assert matcher_for(other) is not matcher_for(catalog)


@pytest.mark.parametrize(
    ("skill_id", "text"),
    [
        ("data-analysis", "Analyse large data sets"),
        ("performance-tuning", "Optimize the system's performance"),
        ("model-deployment", "Deploying machine learning models"),
        ("mentoring", "Provide ongoing training"),
        ("technical-writing", "Write clear runbooks"),
        ("data-visualization", "Report on data quality metrics"),
    ],
)
def test_every_pattern_hint_is_reachable(skill_id: str, text: str) -> None:
    # A pattern is only tried where a word starts with one of PATTERN_HINT_STARTS.
    assert skill_id in PATTERN_HINTS
    assert text.casefold().startswith(PATTERN_HINT_STARTS)
    assert skill_id in found(text).skill_ids
