"""What generated data is made of: the fixed reference date, the marks every generated row
carries ("[Synthetic]", "syn-", example.invalid), the scales, and the vocabularies drawn from."""

from datetime import date

from resolutions.models import (
    MandateType,
    SourceDocument,
)

# Fixed reference date: generated dates fall in the ten years before it, never relative to today.
BASE_DATE = date(2025, 12, 31)
SPAN_DAYS = 3652

PREFIX = "[Synthetic] "
SOURCE_KEY_PREFIX = "syn-"
URL_BASE = "https://example.invalid/synthetic"

# resolutions, mean actions per resolution, mean updates per action
SCALES = {
    "small": (3, 8, 3),
    "medium": (50, 40, 5),
    "un": (500, 80, 10),
}

MANDATE_MIX = [
    (MandateType.ESTABLISH_BODY, 12),
    (MandateType.ADOPT_INSTRUMENT, 12),
    (MandateType.BUILD_ROSTER, 10),
    (MandateType.RECURRING_EVENT, 16),
    (MandateType.TRAINING, 18),
    (MandateType.PARTNERSHIP, 16),
    (MandateType.INSTITUTIONAL_CAPACITY, 16),
    (MandateType.ADOPT_POLICY, 4),
    (MandateType.APPOINT, 4),
    (MandateType.SUBMIT_REPORT, 6),
]
TOPICS = [
    "Strengthening Mediation Capacity",
    "Combating Desertification and Drought",
    "Promoting Intra-OIC Trade",
    "Cooperation in Higher Education",
    "Humanitarian Assistance Coordination",
    "Countering Extremism and Terrorism",
    "Women's Empowerment",
    "Food Security and Agricultural Development",
    "Polio Eradication",
    "Cultural Heritage Protection",
    "Science and Technology Cooperation",
    "Youth Employment",
]
PLACES = [
    "Jeddah",
    "Niamey",
    "Abu Dhabi",
    "Islamabad",
    "Istanbul",
    "Dakar",
    "Yaoundé",
    "Nouakchott",
    "Banjul",
    "Dhaka",
    "Baku",
    "Kuala Lumpur",
]
TITLE_VERBS = {
    MandateType.ESTABLISH_BODY: "Establish a committee on",
    MandateType.ADOPT_INSTRUMENT: "Adopt a framework on",
    MandateType.BUILD_ROSTER: "Build a network of experts on",
    MandateType.RECURRING_EVENT: "Hold a conference on",
    MandateType.TRAINING: "Run a training programme on",
    MandateType.PARTNERSHIP: "Partner with regional organisations on",
    MandateType.INSTITUTIONAL_CAPACITY: "Strengthen the secretariat unit for",
    MandateType.ADOPT_POLICY: "Adopt a policy on",
    MandateType.APPOINT: "Appoint a special envoy on",
    MandateType.SUBMIT_REPORT: "Submit a report on",
}
ACTORS = [
    ("Secretariat department 01", "oic_organ"),
    ("Secretariat department 02", "oic_organ"),
    ("Secretariat department 03", "oic_organ"),
    ("Secretariat department 04", "oic_organ"),
    ("Subsidiary organ 01", "subsidiary_body"),
    ("Subsidiary organ 02", "subsidiary_body"),
    ("Specialised institution 01", "subsidiary_body"),
    ("Partner organisation 01", "external"),
    ("Partner organisation 02", "external"),
    ("Member States (collectively)", "member_states"),
]
AUTHORS = [f"{PREFIX}Officer {n:02d}" for n in range(1, 9)]
SOURCE_KINDS = [k for k, _ in SourceDocument.Kind.choices if k != "other"]
