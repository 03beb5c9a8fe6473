"""What generated data is made of: the fixed reference date, the marks every generated row
carries ("[Synthetic]", "syn-", example.invalid), the scales, and the vocabularies drawn from."""

from datetime import date

from resolutions.models import SourceDocument

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
    ("establish_body", 12),
    ("adopt_instrument", 12),
    ("build_roster", 10),
    ("recurring_event", 16),
    ("training", 18),
    ("partnership", 16),
    ("institutional_capacity", 16),
    ("adopt_policy", 4),
    ("appoint", 4),
    ("submit_report", 6),
]
# Codes of the seeded vocabularies (migration), in the order the generator draws from.
OPERATIVE_VERBS = [
    "affirms",
    "calls_upon",
    "decides",
    "encourages",
    "invites",
    "reaffirms",
    "recalls",
    "recommends",
    "requests",
    "stresses",
    "urges",
    "welcomes",
    "other",
]
ADDRESSEES = [
    "secretary_general",
    "general_secretariat",
    "oic",
    "oic_institutions",
    "member_states",
    "subsidiary_body",
    "un_organs",
    "regional_organisations",
    "international_organisations",
    "other",
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
    "establish_body": "Establish a committee on",
    "adopt_instrument": "Adopt a framework on",
    "build_roster": "Build a network of experts on",
    "recurring_event": "Hold a conference on",
    "training": "Run a training programme on",
    "partnership": "Partner with regional organisations on",
    "institutional_capacity": "Strengthen the secretariat unit for",
    "adopt_policy": "Adopt a policy on",
    "appoint": "Appoint a special envoy on",
    "submit_report": "Submit a report on",
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
