"""The resolutions app's migrations 0001_initial to 0027_translation_search_indexes, squashed
into one (#16).

Nothing had been deployed. makemigrations wrote the schema from the models as they stood, each
model's fields, indexes and constraints inside its CreateModel, and three steps follow it:

- the vocabularies' terms (mandate types, actor kinds, addressees, operative verbs), seeded
  from the rows frozen below (from 0026_vocabularies_as_data; manage.py restore_data --flush
  seeds them again through seed_vocabularies);
- the two triggers for the rules that read another table (from 0026), on SQLite and PostgreSQL;
- on PostgreSQL only, the GIN indexes of the search in translations (from 0027; other
  databases have neither the index types nor the functions, and nothing is done there).

A new database, `make setup`'s and each test worker's, is built from one migration instead of
six whose every step re-rendered the models' state. `replaces` lists the old migrations (the
first squash's 0001-0022 and 0023-0027): a database that applied them, directly or through the
first squash, counts this one as applied and runs nothing. The old chain's data steps (0005,
0013, 0016, and 0026's blank-to-NULL rewrite) rewrote rows that already existed: a new
database has none, and one that had rows ran them when it applied the old chain. A database
left part-way through the old chain (e.g. at 0025) cannot migrate with these files: nothing
is deployed, so none is.
It imports no live application code: a migration must keep its meaning as the code changes
(the historical models' audit base class is left out; no data step here uses them).
"""

import django.core.validators
import django.db.models.deletion
import django.db.models.expressions
import django.db.models.functions.text
import django.db.models.lookups
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


# The vocabularies as they stood as TextChoices (labels and "done" definitions with their French
# and Arabic translations from locale/*.po), each with a definition in the three languages.
# Frozen here: a migration must not import live code.
MANDATE_TYPES = [
    # code, behaviour, default interval, (label en, fr, ar), (definition en, fr, ar)
    (
        "establish_body",
        "one_off",
        "",
        ("Establish a body", "Créer un organe", "إنشاء هيئة"),
        (
            "The body exists and has met.",
            "L’organe existe et s’est réuni.",
            "الهيئة قائمة وقد عقدت اجتماعاتها.",
        ),
    ),
    (
        "adopt_instrument",
        "one_off",
        "",
        ("Adopt an instrument", "Adopter un instrument", "اعتماد صك"),
        (
            "The instrument has been formally adopted.",
            "L’instrument a été formellement adopté.",
            "اعتُمد الصك رسميًا.",
        ),
    ),
    (
        "adopt_policy",
        "one_off",
        "",
        ("Adopt a policy", "Adopter une politique", "اعتماد سياسة"),
        (
            "The policy has been formally adopted.",
            "La politique a été formellement adoptée.",
            "اعتُمدت السياسة رسميا.",
        ),
    ),
    (
        "appoint",
        "one_off",
        "",
        ("Appoint a person or body", "Nommer une personne ou un organe", "تعيين شخص أو هيئة"),
        ("The appointment has been made.", "La nomination a été faite.", "تم التعيين."),
    ),
    (
        "submit_report",
        "one_off",
        "",
        ("Submit a report", "Présenter un rapport", "تقديم تقرير"),
        (
            "The report has been submitted to the body that requested it.",
            "Le rapport a été présenté à l’organe qui l’a demandé.",
            "قُدّم التقرير إلى الهيئة التي طلبته.",
        ),
    ),
    (
        "build_roster",
        "one_off",
        "",
        ("Build a roster or network", "Constituer une liste ou un réseau", "إنشاء قائمة أو شبكة"),
        (
            "The roster or network is constituted and can be called upon.",
            "La liste ou le réseau est constitué et peut être mobilisé.",
            "تشكّلت القائمة أو الشبكة ويمكن الاستعانة بها.",
        ),
    ),
    (
        "recurring_event",
        "recurring",
        "annual",
        ("Recurring event", "Événement récurrent", "فعالية دورية"),
        (
            "Never finished: on track while each interval has its occurrence.",
            "Jamais achevé : en bonne voie tant que chaque intervalle compte son occurrence.",
            "لا تنتهي أبدًا: تكون في المسار الصحيح ما دامت كل فترة تشهد انعقادها.",
        ),
    ),
    (
        "training",
        "continuous",
        "",
        ("Training programme", "Programme de formation", "برنامج تدريبي"),
        (
            "Training opportunities are provided as mandated.",
            "Des possibilités de formation sont offertes conformément au mandat.",
            "تُتاح فرص التدريب وفقًا للولاية.",
        ),
    ),
    (
        "partnership",
        "continuous",
        "",
        ("Partnership", "Partenariat", "شراكة"),
        (
            "A working partnership is in place with the named organisations.",
            "Un partenariat opérationnel est en place avec les organisations désignées.",
            "توجد شراكة عملية قائمة مع المنظمات المسمّاة.",
        ),
    ),
    (
        "institutional_capacity",
        "continuous",
        "",
        ("Institutional capacity", "Capacités institutionnelles", "القدرات المؤسسية"),
        (
            "The unit or office has the capacity the resolution asks for.",
            "L’unité ou le bureau dispose des capacités demandées par la résolution.",
            "تتوفر لدى الوحدة أو المكتب القدرات التي يطلبها القرار.",
        ),
    ),
]

ACTOR_KINDS = [
    (
        "oic_organ",
        (
            "OIC organ or office",
            "Organe ou bureau de l’OCI",
            "جهاز أو مكتب تابع لمنظمة التعاون الإسلامي",
        ),
        (
            "A principal organ, department or office of the OIC, such as its General Secretariat.",
            "Un organe principal, un département ou un bureau de l’OCI, tel que son Secrétariat général.",
            "جهاز رئيسي أو إدارة أو مكتب تابع لمنظمة التعاون الإسلامي، مثل أمانتها العامة.",
        ),
    ),
    (
        "member_state",
        ("Member State", "État membre", "دولة عضو"),
        (
            "One named State, responsible on its own account.",
            "Un État nommément désigné, responsable pour son propre compte.",
            "دولة واحدة مسمّاة، مسؤولة بصفتها الخاصة.",
        ),
    ),
    (
        "member_states",
        ("Member States collectively", "Les États membres collectivement", "الدول الأعضاء مجتمعةً"),
        (
            "Every member of the resolution’s body on its adoption date, together.",
            "Tous les membres de l’organe de la résolution à la date de son adoption, ensemble.",
            "جميع أعضاء الهيئة التي اعتمدت القرار في تاريخ اعتماده، مجتمعين.",
        ),
    ),
    (
        "subsidiary_body",
        ("Subsidiary or affiliated body", "Organe subsidiaire ou affilié", "جهاز متفرع أو منتمٍ"),
        (
            "A body set up by or affiliated with the organisation, with its own mandate.",
            "Un organe créé par l’organisation ou qui lui est affilié, doté de son propre mandat.",
            "هيئة أنشأتها المنظمة أو منتمية إليها، لها ولايتها الخاصة.",
        ),
    ),
    (
        "secretary_general",
        ("Secretary-General", "Secrétaire général", "الأمين العام"),
        (
            "The Secretary-General in person, as the resolution names them.",
            "Le Secrétaire général en personne, tel que la résolution le désigne.",
            "الأمين العام شخصيًا، كما يسمّيه القرار.",
        ),
    ),
    (
        "un_organ",
        ("UN organ or office", "Organe ou bureau de l’ONU", "جهاز أو مكتب تابع للأمم المتحدة"),
        (
            "An organ, department, office or agency of the United Nations.",
            "Un organe, un département, un bureau ou une institution des Nations Unies.",
            "جهاز أو إدارة أو مكتب أو وكالة تابعة للأمم المتحدة.",
        ),
    ),
    (
        "regional_organisation",
        ("Regional organisation", "Organisation régionale", "منظمة إقليمية"),
        (
            "An organisation of the States of one region, such as the African Union or the Arab League.",
            "Une organisation des États d’une région, comme l’Union africaine ou la Ligue arabe.",
            "منظمة تضم دول منطقة واحدة، مثل الاتحاد الأفريقي أو جامعة الدول العربية.",
        ),
    ),
    (
        "external",
        ("External organisation", "Organisation extérieure", "منظمة خارجية"),
        (
            "Any other organisation outside the resolution’s body.",
            "Toute autre organisation extérieure à l’organe de la résolution.",
            "أي منظمة أخرى من خارج الهيئة التي اعتمدت القرار.",
        ),
    ),
]

ADDRESSEES = [
    (
        "secretary_general",
        ("Secretary-General", "Secrétaire général", "الأمين العام"),
        (
            "The paragraph addresses the Secretary-General.",
            "Le paragraphe s’adresse au Secrétaire général.",
            "الفقرة موجهة إلى الأمين العام.",
        ),
    ),
    (
        "general_secretariat",
        ("General Secretariat", "Secrétariat général", "الأمانة العامة"),
        (
            "The paragraph addresses the General Secretariat as an office.",
            "Le paragraphe s’adresse au Secrétariat général en tant que service.",
            "الفقرة موجهة إلى الأمانة العامة بصفتها جهازًا.",
        ),
    ),
    (
        "oic",
        (
            "The OIC (as an organisation)",
            "L’OCI (en tant qu’organisation)",
            "منظمة التعاون الإسلامي (بصفتها منظمة)",
        ),
        (
            "The paragraph addresses the OIC as a whole, without naming an organ.",
            "Le paragraphe s’adresse à l’OCI dans son ensemble, sans nommer d’organe.",
            "الفقرة موجهة إلى منظمة التعاون الإسلامي ككل، دون تسمية جهاز بعينه.",
        ),
    ),
    (
        "oic_institutions",
        ("OIC institutions", "Institutions de l’OCI", "مؤسسات منظمة التعاون الإسلامي"),
        (
            "The paragraph addresses the OIC’s subsidiary, specialised or affiliated institutions.",
            "Le paragraphe s’adresse aux institutions subsidiaires, spécialisées ou affiliées de l’OCI.",
            "الفقرة موجهة إلى المؤسسات المتفرعة أو المتخصصة أو المنتمية لمنظمة التعاون الإسلامي.",
        ),
    ),
    (
        "member_states",
        ("Member States", "États membres", "الدول الأعضاء"),
        (
            "The paragraph addresses the members of the resolution’s body.",
            "Le paragraphe s’adresse aux membres de l’organe de la résolution.",
            "الفقرة موجهة إلى أعضاء الهيئة التي اعتمدت القرار.",
        ),
    ),
    (
        "subsidiary_body",
        ("A subsidiary body", "Un organe subsidiaire", "جهاز متفرع"),
        (
            "The paragraph addresses one subsidiary body, named in the detail.",
            "Le paragraphe s’adresse à un organe subsidiaire, nommé dans le détail.",
            "الفقرة موجهة إلى جهاز متفرع واحد، يُذكر اسمه في التفاصيل.",
        ),
    ),
    (
        "un_organs",
        ("UN organs or offices", "Organes ou bureaux de l’ONU", "أجهزة الأمم المتحدة أو مكاتبها"),
        (
            "The paragraph addresses organs, offices or agencies of the United Nations.",
            "Le paragraphe s’adresse à des organes, bureaux ou institutions des Nations Unies.",
            "الفقرة موجهة إلى أجهزة الأمم المتحدة أو مكاتبها أو وكالاتها.",
        ),
    ),
    (
        "regional_organisations",
        ("Regional organisations", "Organisations régionales", "المنظمات الإقليمية"),
        (
            "The paragraph addresses organisations of the States of a region.",
            "Le paragraphe s’adresse à des organisations des États d’une région.",
            "الفقرة موجهة إلى منظمات تضم دول منطقة ما.",
        ),
    ),
    (
        "international_organisations",
        ("International organisations", "Organisations internationales", "المنظمات الدولية"),
        (
            "The paragraph addresses international organisations in general.",
            "Le paragraphe s’adresse aux organisations internationales en général.",
            "الفقرة موجهة إلى المنظمات الدولية عمومًا.",
        ),
    ),
    (
        "other",
        ("Other", "Autre", "أخرى"),
        (
            "Someone else: the detail says whom.",
            "Un autre destinataire : le détail précise lequel.",
            "جهة أخرى: تبيّن التفاصيل من هي.",
        ),
    ),
]

OPERATIVE_VERBS = [
    (
        "affirms",
        ("affirms", "affirme", "يؤكد"),
        (
            "States a position of the body.",
            "Énonce une position de l’organe.",
            "يعلن موقفًا للهيئة.",
        ),
    ),
    (
        "calls_upon",
        ("calls upon", "demande", "يهيب"),
        (
            "Asks others, firmly, to act; it creates no obligation of the body itself.",
            "Demande fermement à d’autres d’agir ; n’oblige pas l’organe lui-même.",
            "يطلب من جهات أخرى، بحزم، أن تتصرف؛ ولا ينشئ التزامًا على الهيئة نفسها.",
        ),
    ),
    (
        "decides",
        ("decides", "décide", "يقرر"),
        (
            "Takes a decision that binds the body and its organs.",
            "Prend une décision qui lie l’organe et ses organes.",
            "يتخذ قرارًا ملزمًا للهيئة وأجهزتها.",
        ),
    ),
    (
        "encourages",
        ("encourages", "encourage", "يشجع"),
        (
            "Asks others to act, without insisting.",
            "Invite d’autres à agir, sans insister.",
            "يحث جهات أخرى على التصرف، دون إلحاح.",
        ),
    ),
    (
        "invites",
        ("invites", "invite", "يدعو"),
        (
            "Asks others, politely, to act or take part.",
            "Demande poliment à d’autres d’agir ou de participer.",
            "يطلب من جهات أخرى، بلطف، أن تتصرف أو تشارك.",
        ),
    ),
    (
        "reaffirms",
        ("reaffirms", "réaffirme", "يؤكد مجددًا"),
        (
            "States again a position the body has taken before.",
            "Énonce à nouveau une position que l’organe a déjà prise.",
            "يعلن مجددًا موقفًا سبق أن اتخذته الهيئة.",
        ),
    ),
    (
        "recalls",
        ("recalls", "rappelle", "يشير إلى"),
        (
            "Refers to an earlier decision or text.",
            "Renvoie à une décision ou à un texte antérieur.",
            "يشير إلى قرار أو نص سابق.",
        ),
    ),
    (
        "recommends",
        ("recommends", "recommande", "يوصي"),
        (
            "Advises a course of action, without binding anyone.",
            "Conseille une ligne d’action, sans lier quiconque.",
            "ينصح بمسار عمل، دون إلزام أحد.",
        ),
    ),
    (
        "requests",
        ("requests", "prie", "يطلب"),
        (
            "Asks an organ or official of the body to act; the usual source of a mandate.",
            "Demande à un organe ou à un responsable de l’organe d’agir ; source habituelle d’un mandat.",
            "يطلب من جهاز أو مسؤول في الهيئة أن يتصرف؛ وهو المصدر المعتاد للولاية.",
        ),
    ),
    (
        "stresses",
        ("stresses", "souligne", "يشدد على"),
        (
            "Gives a point particular weight.",
            "Donne à un point un poids particulier.",
            "يولي نقطة ما أهمية خاصة.",
        ),
    ),
    (
        "urges",
        ("urges", "prie instamment", "يحث"),
        (
            "Asks others, with insistence, to act.",
            "Demande avec insistance à d’autres d’agir.",
            "يطلب من جهات أخرى، بإلحاح، أن تتصرف.",
        ),
    ),
    (
        "welcomes",
        ("welcomes", "se félicite", "يرحب"),
        (
            "Expresses approval of something done or proposed.",
            "Exprime son approbation de ce qui a été fait ou proposé.",
            "يعبّر عن الترحيب بأمر أُنجز أو اقتُرح.",
        ),
    ),
    (
        "other",
        ("other", "autre", "أخرى"),
        (
            "Another verb: the paragraph's own word is recorded beside it.",
            "Un autre verbe : le mot du paragraphe est enregistré à côté.",
            "فعل آخر: تُسجَّل كلمة الفقرة نفسها بجانبه.",
        ),
    ),
]


def seed_vocabularies(apps, schema_editor):
    def put(model_name, rows, extra=None):
        model = apps.get_model("resolutions", model_name)
        for order, row in enumerate(rows):
            code, labels, definitions = row[0], row[-2], row[-1]
            fields = dict(zip(("label_en", "label_fr", "label_ar"), labels, strict=True))
            fields.update(
                zip(("definition_en", "definition_fr", "definition_ar"), definitions, strict=True)
            )
            fields["order"] = order
            fields.update((extra or {}).get(code, {}))
            model.objects.update_or_create(code=code, defaults=fields)

    put(
        "MandateType",
        MANDATE_TYPES,
        {
            code: {"behaviour": behaviour, "default_recurrence": interval}
            for code, behaviour, interval, _labels, _definitions in MANDATE_TYPES
        },
    )
    put("ActorKind", ACTOR_KINDS)
    put("Addressee", ADDRESSEES)
    put("OperativeVerb", OPERATIVE_VERBS)


# "An action has an interval iff its mandate type is recurring", and "a mandate type's behaviour
# does not change once actions use it": both read another table, which a CHECK cannot.
_MESSAGE_RECURRENCE = (
    "action_recurrence_iff_recurring: an action of a recurring mandate type needs an "
    "interval; other mandate types must not have one."
)
_MESSAGE_BEHAVIOUR = (
    "mandatetype_behaviour_fixed_once_used: actions of this mandate type exist; its "
    "behaviour cannot change."
)
# A code not (yet) in the vocabulary compares as NULL and passes: the foreign key, checked at
# commit, refuses it, and a restore (loaddata, the tests' snapshot) writes tables in any order.
_IS_RECURRING = (
    "(SELECT behaviour FROM resolutions_mandatetype WHERE code = NEW.mandate_type) = 'recurring'"
)
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER action_recurrence_iff_recurring_{name}
    BEFORE {event} ON resolutions_action
    WHEN (NEW.recurrence <> '') <> ({_IS_RECURRING})
    BEGIN SELECT RAISE(ABORT, '{_MESSAGE_RECURRENCE}'); END"""
    for name, event in (("insert", "INSERT"), ("update", "UPDATE OF mandate_type, recurrence"))
] + [
    f"""CREATE TRIGGER mandatetype_behaviour_fixed_once_used
    BEFORE UPDATE OF behaviour ON resolutions_mandatetype
    WHEN NEW.behaviour <> OLD.behaviour
      AND EXISTS (SELECT 1 FROM resolutions_action WHERE mandate_type = OLD.code)
    BEGIN SELECT RAISE(ABORT, '{_MESSAGE_BEHAVIOUR}'); END"""
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS action_recurrence_iff_recurring_insert",
    "DROP TRIGGER IF EXISTS action_recurrence_iff_recurring_update",
    "DROP TRIGGER IF EXISTS mandatetype_behaviour_fixed_once_used",
]
POSTGRESQL_TRIGGERS = [
    f"""CREATE FUNCTION action_recurrence_iff_recurring() RETURNS trigger AS $$
    BEGIN
      IF (NEW.recurrence <> '') <> ({_IS_RECURRING}) THEN
        RAISE EXCEPTION '{_MESSAGE_RECURRENCE}' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER action_recurrence_iff_recurring
    BEFORE INSERT OR UPDATE OF mandate_type, recurrence ON resolutions_action
    FOR EACH ROW EXECUTE FUNCTION action_recurrence_iff_recurring()""",
    f"""CREATE FUNCTION mandatetype_behaviour_fixed_once_used() RETURNS trigger AS $$
    BEGIN
      IF NEW.behaviour <> OLD.behaviour
         AND EXISTS (SELECT 1 FROM resolutions_action WHERE mandate_type = OLD.code) THEN
        RAISE EXCEPTION '{_MESSAGE_BEHAVIOUR}' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER mandatetype_behaviour_fixed_once_used
    BEFORE UPDATE OF behaviour ON resolutions_mandatetype
    FOR EACH ROW EXECUTE FUNCTION mandatetype_behaviour_fixed_once_used()""",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS action_recurrence_iff_recurring ON resolutions_action",
    "DROP FUNCTION IF EXISTS action_recurrence_iff_recurring()",
    "DROP TRIGGER IF EXISTS mandatetype_behaviour_fixed_once_used ON resolutions_mandatetype",
    "DROP FUNCTION IF EXISTS mandatetype_behaviour_fixed_once_used()",
]


def _run(statements_of):
    def run(apps, schema_editor):
        for statement in statements_of.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement)

    return run


create_triggers = _run({"sqlite": SQLITE_TRIGGERS, "postgresql": POSTGRESQL_TRIGGERS})
drop_triggers = _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP})


# From 0027_translation_search_indexes: the folding written out as FoldSearch compiles it
# (resolutions/models/search.py); tests/test_i18n_search.py checks on PostgreSQL that the
# search's plan uses both indexes, so a change to the folding not carried here fails there.
# pg_trgm is a trusted extension (PostgreSQL 13+), which the database's owner may create.
DIACRITICS = "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]"
FOLD_FROM = "أإآٱؤئىة"
FOLD_TO = "ااااءءيه"
FOLDED = (
    f"lower(translate(regexp_replace(\"text\", '{DIACRITICS}', '', 'g'), "
    f"'{FOLD_FROM}', '{FOLD_TO}'))"
)
TABLE = "resolutions_texttranslation"

SEARCH_INDEXES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX translation_folded_fts ON {TABLE} "
    f"USING gin (to_tsvector('arabic'::regconfig, COALESCE({FOLDED}, '')))",
    f"CREATE INDEX translation_folded_trgm ON {TABLE} USING gin (({FOLDED}) gin_trgm_ops)",
]
SEARCH_INDEXES_DROP = [
    "DROP INDEX IF EXISTS translation_folded_trgm",
    "DROP INDEX IF EXISTS translation_folded_fts",
]


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('resolutions', '0001_initial'),
        ('resolutions', '0002_resolution_is_synthetic'),
        ('resolutions', '0003_text_translations'),
        ('resolutions', '0004_completed_message'),
        ('resolutions', '0005_workflow_audit_versions'),
        ('resolutions', '0006_status_update_recent_index'),
        ('resolutions', '0007_resolution_hijri_date'),
        ('resolutions', '0008_action_reviews'),
        ('resolutions', '0009_note_length_limit'),
        ('resolutions', '0010_corrections_and_later_verification'),
        ('resolutions', '0011_sourced_responsibility'),
        ('resolutions', '0012_reviewed_facts'),
        ('resolutions', '0013_paragraph_number_is_positional'),
        ('resolutions', '0014_paragraph_positional_number_form'),
        ('resolutions', '0015_evidence_files'),
        ('resolutions', '0016_imported_updates_reported'),
        ('resolutions', '0017_resolution_identity_and_links'),
        ('resolutions', '0018_paragraph_parent'),
        ('resolutions', '0019_action_state'),
        ('resolutions', '0020_member_state_roles_reviewed_fact_corrections'),
        ('resolutions', '0021_translation_provenance'),
        ('resolutions', '0022_bodies_memberships_vocabularies'),
        ('resolutions', '0023_action_steps'),
        ('resolutions', '0024_resolution_title_source'),
        ('resolutions', '0025_action_continues'),
        ('resolutions', '0026_vocabularies_as_data'),
        ('resolutions', '0027_translation_search_indexes'),
    ]

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ActorKind',
            fields=[
                ('code', models.CharField(help_text='The value data files, exports and the API use. Cannot change once saved.', max_length=40, primary_key=True, serialize=False, validators=[django.core.validators.RegexValidator('^[a-z0-9]+(_[a-z0-9]+)*\\Z', 'Lower-case letters and digits, words joined by underscores (submit_report).')])),
                ('label_en', models.CharField(max_length=120)),
                ('label_fr', models.CharField(max_length=120)),
                ('label_ar', models.CharField(max_length=120)),
                ('definition_en', models.TextField()),
                ('definition_fr', models.TextField()),
                ('definition_ar', models.TextField()),
                ('order', models.PositiveSmallIntegerField(default=0, help_text='Position in lists.')),
            ],
            options={
                'ordering': ['order', 'code'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Addressee',
            fields=[
                ('code', models.CharField(help_text='The value data files, exports and the API use. Cannot change once saved.', max_length=40, primary_key=True, serialize=False, validators=[django.core.validators.RegexValidator('^[a-z0-9]+(_[a-z0-9]+)*\\Z', 'Lower-case letters and digits, words joined by underscores (submit_report).')])),
                ('label_en', models.CharField(max_length=120)),
                ('label_fr', models.CharField(max_length=120)),
                ('label_ar', models.CharField(max_length=120)),
                ('definition_en', models.TextField()),
                ('definition_fr', models.TextField()),
                ('definition_ar', models.TextField()),
                ('order', models.PositiveSmallIntegerField(default=0, help_text='Position in lists.')),
            ],
            options={
                'ordering': ['order', 'code'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='OperativeVerb',
            fields=[
                ('code', models.CharField(help_text='The value data files, exports and the API use. Cannot change once saved.', max_length=40, primary_key=True, serialize=False, validators=[django.core.validators.RegexValidator('^[a-z0-9]+(_[a-z0-9]+)*\\Z', 'Lower-case letters and digits, words joined by underscores (submit_report).')])),
                ('label_en', models.CharField(max_length=120)),
                ('label_fr', models.CharField(max_length=120)),
                ('label_ar', models.CharField(max_length=120)),
                ('definition_en', models.TextField()),
                ('definition_fr', models.TextField()),
                ('definition_ar', models.TextField()),
                ('order', models.PositiveSmallIntegerField(default=0, help_text='Position in lists.')),
            ],
            options={
                'ordering': ['order', 'code'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='FactCorrection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('submitted_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('published_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejected_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejection_reason', models.TextField(blank=True, editable=False)),
                ('state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted for review'), ('published', 'Published')], default='draft', editable=False, max_length=10)),
                ('object_id', models.PositiveBigIntegerField(editable=False)),
                ('changes', models.JSONField(editable=False, help_text='The fields the correction changes and their new values.')),
                ('previous', models.JSONField(default=dict, editable=False, help_text='Their values when it was proposed.')),
                ('reason', models.TextField(help_text='Why the published record is wrong, and the source.')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('author', models.ForeignKey(blank=True, editable=False, help_text='Who recorded it in the admin; empty for data-file records.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('content_type', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype')),
                ('published_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('rejected_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created_at', '-id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('state__in', ['draft', 'submitted', 'published'])), name='fact_correction_state_valid'), models.CheckConstraint(condition=models.Q(models.Q(('rejected_at__isnull', True), ('rejection_reason', '')), models.Q(('rejected_at__isnull', False), ('state', 'draft'), models.Q(('rejection_reason', ''), _negated=True)), _connector='OR'), name='fact_correction_rejection_has_reason', violation_error_message='A rejected record goes back to draft with the reason.'), models.CheckConstraint(condition=models.Q(('reason', ''), _negated=True), name='fact_correction_has_reason')],
            },
        ),
        migrations.CreateModel(
            name='HistoricalActorKind',
            fields=[
                ('code', models.CharField(db_index=True, help_text='The value data files, exports and the API use. Cannot change once saved.', max_length=40, validators=[django.core.validators.RegexValidator('^[a-z0-9]+(_[a-z0-9]+)*\\Z', 'Lower-case letters and digits, words joined by underscores (submit_report).')])),
                ('label_en', models.CharField(max_length=120)),
                ('label_fr', models.CharField(max_length=120)),
                ('label_ar', models.CharField(max_length=120)),
                ('definition_en', models.TextField()),
                ('definition_fr', models.TextField()),
                ('definition_ar', models.TextField()),
                ('order', models.PositiveSmallIntegerField(default=0, help_text='Position in lists.')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical actor kind',
                'verbose_name_plural': 'historical actor kinds',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='HistoricalAddressee',
            fields=[
                ('code', models.CharField(db_index=True, help_text='The value data files, exports and the API use. Cannot change once saved.', max_length=40, validators=[django.core.validators.RegexValidator('^[a-z0-9]+(_[a-z0-9]+)*\\Z', 'Lower-case letters and digits, words joined by underscores (submit_report).')])),
                ('label_en', models.CharField(max_length=120)),
                ('label_fr', models.CharField(max_length=120)),
                ('label_ar', models.CharField(max_length=120)),
                ('definition_en', models.TextField()),
                ('definition_fr', models.TextField()),
                ('definition_ar', models.TextField()),
                ('order', models.PositiveSmallIntegerField(default=0, help_text='Position in lists.')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical addressee',
                'verbose_name_plural': 'historical addressees',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='HistoricalFactCorrection',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('submitted_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('published_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejected_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejection_reason', models.TextField(blank=True, editable=False)),
                ('state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted for review'), ('published', 'Published')], default='draft', editable=False, max_length=10)),
                ('object_id', models.PositiveBigIntegerField(editable=False)),
                ('changes', models.JSONField(editable=False, help_text='The fields the correction changes and their new values.')),
                ('previous', models.JSONField(default=dict, editable=False, help_text='Their values when it was proposed.')),
                ('reason', models.TextField(help_text='Why the published record is wrong, and the source.')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('author', models.ForeignKey(blank=True, db_constraint=False, editable=False, help_text='Who recorded it in the admin; empty for data-file records.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('content_type', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='contenttypes.contenttype')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('published_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('rejected_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical fact correction',
                'verbose_name_plural': 'historical fact corrections',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='HistoricalMandateType',
            fields=[
                ('code', models.CharField(db_index=True, help_text='The value data files, exports and the API use. Cannot change once saved.', max_length=40, validators=[django.core.validators.RegexValidator('^[a-z0-9]+(_[a-z0-9]+)*\\Z', 'Lower-case letters and digits, words joined by underscores (submit_report).')])),
                ('label_en', models.CharField(max_length=120)),
                ('label_fr', models.CharField(max_length=120)),
                ('label_ar', models.CharField(max_length=120)),
                ('definition_en', models.TextField()),
                ('definition_fr', models.TextField()),
                ('definition_ar', models.TextField()),
                ('order', models.PositiveSmallIntegerField(default=0, help_text='Position in lists.')),
                ('behaviour', models.CharField(choices=[('one_off', 'One-off'), ('recurring', 'Recurring, with an interval'), ('continuous', 'Continuous')], max_length=12)),
                ('default_recurrence', models.CharField(blank=True, choices=[('annual', 'Annual'), ('biennial', 'Every two years')], help_text='Recurring types: the interval a new action of this type starts with.', max_length=10)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical mandate type',
                'verbose_name_plural': 'historical mandate types',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='HistoricalOperativeVerb',
            fields=[
                ('code', models.CharField(db_index=True, help_text='The value data files, exports and the API use. Cannot change once saved.', max_length=40, validators=[django.core.validators.RegexValidator('^[a-z0-9]+(_[a-z0-9]+)*\\Z', 'Lower-case letters and digits, words joined by underscores (submit_report).')])),
                ('label_en', models.CharField(max_length=120)),
                ('label_fr', models.CharField(max_length=120)),
                ('label_ar', models.CharField(max_length=120)),
                ('definition_en', models.TextField()),
                ('definition_fr', models.TextField()),
                ('definition_ar', models.TextField()),
                ('order', models.PositiveSmallIntegerField(default=0, help_text='Position in lists.')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical operative verb',
                'verbose_name_plural': 'historical operative verbs',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='HistoricalSourceDocument',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('key', models.SlugField(help_text='Stable identifier used by data files to refer to this source.', max_length=80)),
                ('title', models.CharField(max_length=500)),
                ('kind', models.CharField(choices=[('un_document', 'UN document'), ('oic_document', 'OIC document'), ('press_release', 'Government press release'), ('news_report', 'News report'), ('concept_note', 'Concept note or programme'), ('web_page', 'Web page'), ('other', 'Other')], default='other', max_length=20)),
                ('symbol', models.CharField(blank=True, help_text='Document symbol or job number, as printed.', max_length=120)),
                ('url', models.URLField(blank=True, max_length=500)),
                ('date', models.DateField(blank=True, null=True)),
                ('publisher', models.CharField(blank=True, max_length=200)),
                ('notes', models.TextField(blank=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical source document',
                'verbose_name_plural': 'historical source documents',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='MandateType',
            fields=[
                ('code', models.CharField(help_text='The value data files, exports and the API use. Cannot change once saved.', max_length=40, primary_key=True, serialize=False, validators=[django.core.validators.RegexValidator('^[a-z0-9]+(_[a-z0-9]+)*\\Z', 'Lower-case letters and digits, words joined by underscores (submit_report).')])),
                ('label_en', models.CharField(max_length=120)),
                ('label_fr', models.CharField(max_length=120)),
                ('label_ar', models.CharField(max_length=120)),
                ('definition_en', models.TextField()),
                ('definition_fr', models.TextField()),
                ('definition_ar', models.TextField()),
                ('order', models.PositiveSmallIntegerField(default=0, help_text='Position in lists.')),
                ('behaviour', models.CharField(choices=[('one_off', 'One-off'), ('recurring', 'Recurring, with an interval'), ('continuous', 'Continuous')], max_length=12)),
                ('default_recurrence', models.CharField(blank=True, choices=[('annual', 'Annual'), ('biennial', 'Every two years')], help_text='Recurring types: the interval a new action of this type starts with.', max_length=10)),
            ],
            options={
                'ordering': ['order', 'code'],
                'abstract': False,
                'constraints': [models.CheckConstraint(condition=models.Q(('behaviour', 'recurring'), ('default_recurrence', ''), _connector='OR'), name='mandatetype_interval_only_if_recurring', violation_error_message='Only a recurring mandate type has an interval.')],
            },
        ),
        migrations.CreateModel(
            name='SourceDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.SlugField(help_text='Stable identifier used by data files to refer to this source.', max_length=80, unique=True)),
                ('title', models.CharField(max_length=500)),
                ('kind', models.CharField(choices=[('un_document', 'UN document'), ('oic_document', 'OIC document'), ('press_release', 'Government press release'), ('news_report', 'News report'), ('concept_note', 'Concept note or programme'), ('web_page', 'Web page'), ('other', 'Other')], default='other', max_length=20)),
                ('symbol', models.CharField(blank=True, help_text='Document symbol or job number, as printed.', max_length=120)),
                ('url', models.URLField(blank=True, max_length=500)),
                ('date', models.DateField(blank=True, null=True)),
                ('publisher', models.CharField(blank=True, max_length=200)),
                ('notes', models.TextField(blank=True)),
            ],
            options={
                'ordering': ['date', 'title'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('symbol', ''), _negated=True), models.Q(('url', ''), _negated=True), _connector='OR'), name='source_has_symbol_or_url', violation_error_message='A source needs a document symbol or a URL.'), models.CheckConstraint(condition=models.Q(('title', ''), _negated=True), name='source_has_title')],
            },
        ),
        migrations.CreateModel(
            name='Body',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.SlugField(help_text='Used in data files and URLs.', max_length=40, unique=True)),
                ('name', models.CharField(max_length=200, unique=True)),
                ('short_name', models.CharField(blank=True, help_text='e.g. OIC', max_length=60)),
                ('source', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'verbose_name_plural': 'bodies',
                'ordering': ['name'],
                'constraints': [models.CheckConstraint(condition=models.Q(('key', ''), _negated=True), name='body_key_not_empty')],
            },
        ),
        migrations.CreateModel(
            name='MemberState',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('iso3', models.CharField(help_text='ISO 3166-1 alpha-3', max_length=3, unique=True)),
                ('name', models.CharField(max_length=120, unique=True)),
                ('name_in_source', models.CharField(blank=True, help_text='The spelling of the membership source.', max_length=120)),
                ('source', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'ordering': ['name'],
                'constraints': [models.CheckConstraint(condition=models.Q(('iso3__regex', '^[A-Z]{3}$')), name='member_state_iso3_format', violation_error_message='ISO 3166-1 alpha-3 codes are three capital letters.')],
            },
        ),
        migrations.CreateModel(
            name='Actor',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, unique=True)),
                ('kind', models.ForeignKey(db_column='kind', on_delete=django.db.models.deletion.PROTECT, related_name='actors', to='resolutions.actorkind')),
                ('member_state', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='actor', to='resolutions.memberstate')),
            ],
            options={
                'ordering': ['name'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('kind', 'member_state'), ('member_state__isnull', False)), models.Q(models.Q(('kind', 'member_state'), _negated=True), ('member_state__isnull', True)), _connector='OR'), name='actor_member_state_iff_kind', violation_error_message='A Member State actor must point at its Member State.')],
            },
        ),
        migrations.CreateModel(
            name='HistoricalResolution',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=0, editable=False, help_text='Number of changes saved since the record was created (optimistic locking).')),
                ('symbol', models.CharField(db_index=True, help_text='As printed, e.g. 53/45-POL.', max_length=60)),
                ('slug', models.SlugField(help_text='Used in URLs, e.g. 53-45-pol.', max_length=80)),
                ('title', models.CharField(max_length=500)),
                ('title_locator', models.CharField(blank=True, help_text='Where in that source the title is printed, e.g. the sentence quoting it.', max_length=300)),
                ('adopting_body', models.CharField(help_text='e.g. Council of Foreign Ministers', max_length=200)),
                ('session', models.CharField(help_text='e.g. 45th session', max_length=200)),
                ('session_theme', models.CharField(blank=True, max_length=300)),
                ('place', models.CharField(blank=True, max_length=200)),
                ('adopted_on', models.DateField(blank=True, help_text='First day of adoption.', null=True)),
                ('adopted_until', models.DateField(blank=True, help_text='Last day, when the session spans several days.', null=True)),
                ('adopted_hijri', models.CharField(blank=True, help_text='The adoption date(s) in the Hijri calendar, verbatim from a source, e.g. يومي 19 و20 شعبان 1439ه.', max_length=120)),
                ('adoption_dates_note', models.TextField(blank=True, help_text='Other calendars or conflicting dates, with their sources.')),
                ('agenda_item', models.CharField(blank=True, help_text='As printed, e.g. 34 or 34 (a). Blank: not stated.', max_length=200)),
                ('draft_symbol', models.CharField(blank=True, help_text="The draft's symbol, as printed. Blank: not stated.", max_length=100)),
                ('document_symbol', models.CharField(blank=True, help_text="The adopted text's document symbol, as printed. Blank: not stated.", max_length=100)),
                ('issued_on', models.DateField(blank=True, help_text='The date the document was issued. Blank: not stated.', null=True)),
                ('vote', models.CharField(choices=[('not_stated', 'Not stated by the sources'), ('recorded_vote', 'Recorded vote'), ('without_vote', 'Adopted without a vote'), ('consensus', 'Adopted by consensus')], default='not_stated', max_length=14)),
                ('votes_for', models.PositiveIntegerField(blank=True, null=True)),
                ('votes_against', models.PositiveIntegerField(blank=True, null=True)),
                ('abstentions', models.PositiveIntegerField(blank=True, null=True)),
                ('summary', models.TextField(blank=True)),
                ('data_file', models.CharField(blank=True, help_text='The data file this resolution was last loaded from.', max_length=300)),
                ('is_synthetic', models.BooleanField(default=False, help_text='Generated demo or benchmark data, not a real resolution.')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('body', models.ForeignKey(blank=True, db_constraint=False, help_text="The body whose members 'Member States' means in this resolution (e.g. the OIC for a resolution of its Council of Foreign Ministers).", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.body')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('adopted_hijri_source', models.ForeignKey(blank=True, db_constraint=False, help_text='The source the Hijri date is quoted from.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.sourcedocument')),
                ('identity_source', models.ForeignKey(blank=True, db_constraint=False, help_text='The source of the agenda item, symbols, issuing date and vote.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.sourcedocument')),
                ('title_source', models.ForeignKey(blank=True, db_constraint=False, help_text='The source the title above is quoted from (verbatim).', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'verbose_name': 'historical resolution',
                'verbose_name_plural': 'historical resolutions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='HistoricalActor',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(db_index=True, max_length=200)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('kind', models.ForeignKey(blank=True, db_column='kind', db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.actorkind')),
                ('member_state', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.memberstate')),
            ],
            options={
                'verbose_name': 'historical actor',
                'verbose_name_plural': 'historical actors',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='Resolution',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=0, editable=False, help_text='Number of changes saved since the record was created (optimistic locking).')),
                ('symbol', models.CharField(help_text='As printed, e.g. 53/45-POL.', max_length=60, unique=True)),
                ('slug', models.SlugField(help_text='Used in URLs, e.g. 53-45-pol.', max_length=80, unique=True)),
                ('title', models.CharField(max_length=500)),
                ('title_locator', models.CharField(blank=True, help_text='Where in that source the title is printed, e.g. the sentence quoting it.', max_length=300)),
                ('adopting_body', models.CharField(help_text='e.g. Council of Foreign Ministers', max_length=200)),
                ('session', models.CharField(help_text='e.g. 45th session', max_length=200)),
                ('session_theme', models.CharField(blank=True, max_length=300)),
                ('place', models.CharField(blank=True, max_length=200)),
                ('adopted_on', models.DateField(blank=True, help_text='First day of adoption.', null=True)),
                ('adopted_until', models.DateField(blank=True, help_text='Last day, when the session spans several days.', null=True)),
                ('adopted_hijri', models.CharField(blank=True, help_text='The adoption date(s) in the Hijri calendar, verbatim from a source, e.g. يومي 19 و20 شعبان 1439ه.', max_length=120)),
                ('adoption_dates_note', models.TextField(blank=True, help_text='Other calendars or conflicting dates, with their sources.')),
                ('agenda_item', models.CharField(blank=True, help_text='As printed, e.g. 34 or 34 (a). Blank: not stated.', max_length=200)),
                ('draft_symbol', models.CharField(blank=True, help_text="The draft's symbol, as printed. Blank: not stated.", max_length=100)),
                ('document_symbol', models.CharField(blank=True, help_text="The adopted text's document symbol, as printed. Blank: not stated.", max_length=100)),
                ('issued_on', models.DateField(blank=True, help_text='The date the document was issued. Blank: not stated.', null=True)),
                ('vote', models.CharField(choices=[('not_stated', 'Not stated by the sources'), ('recorded_vote', 'Recorded vote'), ('without_vote', 'Adopted without a vote'), ('consensus', 'Adopted by consensus')], default='not_stated', max_length=14)),
                ('votes_for', models.PositiveIntegerField(blank=True, null=True)),
                ('votes_against', models.PositiveIntegerField(blank=True, null=True)),
                ('abstentions', models.PositiveIntegerField(blank=True, null=True)),
                ('summary', models.TextField(blank=True)),
                ('data_file', models.CharField(blank=True, help_text='The data file this resolution was last loaded from.', max_length=300)),
                ('is_synthetic', models.BooleanField(default=False, help_text='Generated demo or benchmark data, not a real resolution.')),
                ('body', models.ForeignKey(blank=True, help_text="The body whose members 'Member States' means in this resolution (e.g. the OIC for a resolution of its Council of Foreign Ministers).", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='resolutions', to='resolutions.body')),
                ('adopted_hijri_source', models.ForeignKey(blank=True, help_text='The source the Hijri date is quoted from.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='resolutions.sourcedocument')),
                ('identity_source', models.ForeignKey(blank=True, help_text='The source of the agenda item, symbols, issuing date and vote.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='resolutions.sourcedocument')),
                ('sources', models.ManyToManyField(blank=True, related_name='resolutions', to='resolutions.sourcedocument')),
                ('title_source', models.ForeignKey(blank=True, help_text='The source the title above is quoted from (verbatim).', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'ordering': ['symbol'],
                'constraints': [models.CheckConstraint(condition=models.Q(('adopted_until__isnull', True), models.Q(('adopted_on__isnull', False), ('adopted_until__gte', models.F('adopted_on'))), _connector='OR'), name='resolution_adoption_dates_ordered', violation_error_message='The last adoption day cannot precede the first.'), models.CheckConstraint(condition=models.Q(('slug', ''), _negated=True), name='resolution_slug_not_empty'), models.CheckConstraint(condition=models.Q(('title_locator', ''), ('title_source__isnull', False), _connector='OR'), name='resolution_title_locator_has_source', violation_error_message="A locator points into a source: give the title's source (title_source)."), models.CheckConstraint(condition=models.Q(('adopted_hijri', ''), ('adopted_hijri_source__isnull', False), _connector='OR'), name='resolution_hijri_date_has_source', violation_error_message='A Hijri date is quoted from a source: give the source.'), models.CheckConstraint(condition=models.Q(models.Q(('agenda_item', ''), ('draft_symbol', ''), ('document_symbol', ''), ('issued_on__isnull', True), ('vote', 'not_stated')), ('identity_source__isnull', False), _connector='OR'), name='resolution_identity_has_source', violation_error_message='An agenda item, symbol, issuing date or vote is stated by a source: give the source (identity_source).'), models.CheckConstraint(condition=models.Q(('vote', 'recorded_vote'), models.Q(('votes_for__isnull', True), ('votes_against__isnull', True), ('abstentions__isnull', True)), _connector='OR'), name='resolution_vote_counts_only_when_recorded', violation_error_message='Vote counts belong to a recorded vote.')],
            },
        ),
        migrations.CreateModel(
            name='Paragraph',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=0, editable=False, help_text='Number of changes saved since the record was created (optimistic locking).')),
                ('number', models.CharField(help_text='As printed: 4, 7, 5(b). Paragraphs the source does not number use their position: PP1, PP2… (preambular), OP1, OP2… (operative).', max_length=20)),
                ('number_is_positional', models.BooleanField(default=False, help_text="The number is the paragraph's position among paragraphs of its kind (PP1, OP1…), not a number printed in the source.")),
                ('order', models.PositiveIntegerField(help_text='Position in the resolution, for sorting.')),
                ('kind', models.CharField(choices=[('preambular', 'Preambular'), ('operative', 'Operative')], max_length=12)),
                ('operative_verb_other', models.CharField(blank=True, max_length=60)),
                ('addressee_detail', models.CharField(blank=True, max_length=200)),
                ('summary', models.CharField(blank=True, help_text='A short description for tables.', max_length=200)),
                ('text', models.TextField(blank=True)),
                ('text_provenance', models.CharField(choices=[('verbatim', 'Verbatim'), ('paraphrase', 'Paraphrase'), ('unknown', 'Text not available')], default='unknown', max_length=12)),
                ('text_source_locator', models.CharField(blank=True, help_text='Where in the source: page, section or session.', max_length=200)),
                ('provenance_note', models.TextField(blank=True, help_text="Why the text has this provenance, e.g. 'unofficial translation'.")),
                ('excluded_from_rollup', models.BooleanField(default=False, help_text='Not applicable for the roll-up, e.g. a paragraph that only exhorts Member States. Shown publicly with the reason.')),
                ('exclusion_reason', models.TextField(blank=True)),
                ('addressee', models.ForeignKey(blank=True, db_column='addressee', help_text='Blank when unknown.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='resolutions.addressee')),
                ('operative_verb', models.ForeignKey(blank=True, db_column='operative_verb', help_text='Blank when unknown.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='resolutions.operativeverb')),
                ('parent', models.ForeignKey(blank=True, help_text='The paragraph this one is a sub-paragraph of (5 for 5(a)): same resolution, same kind, earlier in the order.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='resolutions.paragraph')),
                ('resolution', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='paragraphs', to='resolutions.resolution')),
                ('text_source', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'ordering': ['resolution', 'order'],
                'constraints': [models.UniqueConstraint(fields=('resolution', 'number'), name='paragraph_number_unique_in_resolution'), models.UniqueConstraint(fields=('resolution', 'order'), name='paragraph_order_unique_in_resolution'), models.CheckConstraint(condition=models.Q(models.Q(('text_provenance', 'unknown'), ('text', '')), models.Q(models.Q(('text_provenance', 'unknown'), _negated=True), models.Q(('text', ''), _negated=True), ('text_source__isnull', False)), _connector='OR'), name='paragraph_text_matches_provenance', violation_error_message='Text needs a source and a verbatim/paraphrase provenance; unknown text must be left empty.'), models.CheckConstraint(condition=models.Q(('excluded_from_rollup', False), models.Q(('exclusion_reason', ''), _negated=True), _connector='OR'), name='paragraph_exclusion_has_reason', violation_error_message='Say why the paragraph is excluded from the roll-up.'), models.CheckConstraint(condition=models.Q(('kind', 'operative'), models.Q(('operative_verb', ''), ('addressee', ''), ('excluded_from_rollup', False)), _connector='OR'), name='paragraph_preambular_has_no_operative_fields', violation_error_message='Only operative paragraphs have a verb, an addressee or a roll-up exclusion.'), models.CheckConstraint(condition=models.Q(('number', ''), _negated=True), name='paragraph_number_not_empty'), models.CheckConstraint(condition=models.Q(('parent', models.F('pk')), _negated=True), name='paragraph_not_its_own_parent', violation_error_message='A paragraph is not a sub-paragraph of itself.'), models.CheckConstraint(condition=models.Q(models.Q(('number_is_positional', False), models.Q(('kind', 'operative'), ('number__startswith', 'OP')), models.Q(('kind', 'preambular'), ('number__startswith', 'PP')), _connector='OR'), models.Q(('number_is_positional', True), models.Q(('number__startswith', 'OP'), _negated=True), _connector='OR')), name='paragraph_positional_number_form', violation_error_message='A number by position is OP1, OP2… for operative and PP1, PP2… for preambular paragraphs, and an OP… number is always positional.')],
            },
        ),
        migrations.CreateModel(
            name='HistoricalResolutionLink',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('kind', models.CharField(choices=[('recalls', 'recalls'), ('reaffirms', 'reaffirms'), ('follows_up', 'follows up'), ('supersedes', 'supersedes')], max_length=12)),
                ('order', models.PositiveIntegerField(default=0)),
                ('target_symbol', models.CharField(help_text="The target's symbol, as the source names it.", max_length=100)),
                ('target_body', models.CharField(blank=True, max_length=200)),
                ('target_title', models.CharField(blank=True, max_length=500)),
                ('target_adopted_on', models.DateField(blank=True, null=True)),
                ('target_url', models.URLField(blank=True, max_length=500)),
                ('locator', models.CharField(blank=True, max_length=200)),
                ('note', models.TextField(blank=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('paragraph', models.ForeignKey(blank=True, db_constraint=False, help_text='The paragraph that makes the reference, where known (e.g. PP3).', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.paragraph')),
                ('resolution', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.resolution')),
                ('target', models.ForeignKey(blank=True, db_constraint=False, help_text='The target, when it is a resolution loaded in the tracker.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.resolution')),
                ('source', models.ForeignKey(blank=True, db_constraint=False, help_text='The source that states the reference.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'verbose_name': 'historical resolution link',
                'verbose_name_plural': 'historical resolution links',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='ResolutionLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('recalls', 'recalls'), ('reaffirms', 'reaffirms'), ('follows_up', 'follows up'), ('supersedes', 'supersedes')], max_length=12)),
                ('order', models.PositiveIntegerField(default=0)),
                ('target_symbol', models.CharField(help_text="The target's symbol, as the source names it.", max_length=100)),
                ('target_body', models.CharField(blank=True, max_length=200)),
                ('target_title', models.CharField(blank=True, max_length=500)),
                ('target_adopted_on', models.DateField(blank=True, null=True)),
                ('target_url', models.URLField(blank=True, max_length=500)),
                ('locator', models.CharField(blank=True, max_length=200)),
                ('note', models.TextField(blank=True)),
                ('paragraph', models.ForeignKey(blank=True, help_text='The paragraph that makes the reference, where known (e.g. PP3).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='links', to='resolutions.paragraph')),
                ('resolution', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links_out', to='resolutions.resolution')),
                ('target', models.ForeignKey(blank=True, help_text='The target, when it is a resolution loaded in the tracker.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='links_in', to='resolutions.resolution')),
                ('source', models.ForeignKey(help_text='The source that states the reference.', on_delete=django.db.models.deletion.PROTECT, related_name='+', to='resolutions.sourcedocument')),
                ('target_sources', models.ManyToManyField(blank=True, help_text="Where the external target's title, date and address come from.", related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'ordering': ['resolution', 'order', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('resolution', 'kind', 'target_symbol'), name='resolution_link_unique'), models.CheckConstraint(condition=models.Q(('target_symbol', ''), _negated=True), name='resolution_link_names_its_target'), models.CheckConstraint(condition=models.Q(('target', models.F('resolution')), _negated=True), name='resolution_link_not_to_itself', violation_error_message='A resolution does not link to itself.')],
            },
        ),
        migrations.CreateModel(
            name='Membership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('standing', models.CharField(choices=[('member', 'Member'), ('observer', 'Observer'), ('suspended', 'Suspended')], default='member', max_length=10)),
                ('start_date', models.DateField(blank=True, help_text='Blank: not stated.', null=True)),
                ('end_date', models.DateField(blank=True, help_text='The last day of this standing. Blank: still so.', null=True)),
                ('note', models.TextField(blank=True)),
                ('body', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='resolutions.body')),
                ('state', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='resolutions.memberstate')),
                ('source', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'ordering': ['body', 'state', 'start_date'],
                'constraints': [models.UniqueConstraint(fields=('state', 'body', 'standing', 'start_date'), name='membership_unique'), models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('start_date__isnull', True), ('end_date__gte', models.F('start_date')), _connector='OR'), name='membership_dates_ordered', violation_error_message='A membership cannot end before it starts.')],
            },
        ),
        migrations.CreateModel(
            name='HistoricalTextTranslation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField()),
                ('field', models.CharField(max_length=40)),
                ('language', models.CharField(choices=[('en', 'English'), ('fr', 'French'), ('ar', 'Arabic')], max_length=2)),
                ('text', models.TextField()),
                ('provenance', models.CharField(choices=[('verbatim', 'Verbatim'), ('paraphrase', 'Paraphrase'), ('translation', 'Unofficial translation by the project')], max_length=12)),
                ('locator', models.CharField(blank=True, max_length=200)),
                ('note', models.TextField(blank=True, help_text="e.g. 'unofficial translation by the secretariat'.")),
                ('original_language', models.CharField(blank=True, choices=[('en', 'English'), ('fr', 'French'), ('ar', 'Arabic')], max_length=2)),
                ('original_text', models.TextField(blank=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('content_type', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='contenttypes.contenttype')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('source', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'verbose_name': 'historical text translation',
                'verbose_name_plural': 'historical text translations',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='HistoricalResolutionLink_target_sources',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='resolutions.historicalresolutionlink')),
                ('resolutionlink', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.resolutionlink')),
                ('sourcedocument', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'verbose_name': 'HistoricalResolutionLink_target_sources',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalResolution_sources',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='resolutions.historicalresolution')),
                ('resolution', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.resolution')),
                ('sourcedocument', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'verbose_name': 'HistoricalResolution_sources',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalParagraph',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=0, editable=False, help_text='Number of changes saved since the record was created (optimistic locking).')),
                ('number', models.CharField(help_text='As printed: 4, 7, 5(b). Paragraphs the source does not number use their position: PP1, PP2… (preambular), OP1, OP2… (operative).', max_length=20)),
                ('number_is_positional', models.BooleanField(default=False, help_text="The number is the paragraph's position among paragraphs of its kind (PP1, OP1…), not a number printed in the source.")),
                ('order', models.PositiveIntegerField(help_text='Position in the resolution, for sorting.')),
                ('kind', models.CharField(choices=[('preambular', 'Preambular'), ('operative', 'Operative')], max_length=12)),
                ('operative_verb_other', models.CharField(blank=True, max_length=60)),
                ('addressee_detail', models.CharField(blank=True, max_length=200)),
                ('summary', models.CharField(blank=True, help_text='A short description for tables.', max_length=200)),
                ('text', models.TextField(blank=True)),
                ('text_provenance', models.CharField(choices=[('verbatim', 'Verbatim'), ('paraphrase', 'Paraphrase'), ('unknown', 'Text not available')], default='unknown', max_length=12)),
                ('text_source_locator', models.CharField(blank=True, help_text='Where in the source: page, section or session.', max_length=200)),
                ('provenance_note', models.TextField(blank=True, help_text="Why the text has this provenance, e.g. 'unofficial translation'.")),
                ('excluded_from_rollup', models.BooleanField(default=False, help_text='Not applicable for the roll-up, e.g. a paragraph that only exhorts Member States. Shown publicly with the reason.')),
                ('exclusion_reason', models.TextField(blank=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('addressee', models.ForeignKey(blank=True, db_column='addressee', db_constraint=False, help_text='Blank when unknown.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.addressee')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('operative_verb', models.ForeignKey(blank=True, db_column='operative_verb', db_constraint=False, help_text='Blank when unknown.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.operativeverb')),
                ('parent', models.ForeignKey(blank=True, db_constraint=False, help_text='The paragraph this one is a sub-paragraph of (5 for 5(a)): same resolution, same kind, earlier in the order.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.paragraph')),
                ('resolution', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.resolution')),
                ('text_source', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'verbose_name': 'historical paragraph',
                'verbose_name_plural': 'historical paragraphs',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='HistoricalMemberState',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('iso3', models.CharField(db_index=True, help_text='ISO 3166-1 alpha-3', max_length=3)),
                ('name', models.CharField(db_index=True, max_length=120)),
                ('name_in_source', models.CharField(blank=True, help_text='The spelling of the membership source.', max_length=120)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('source', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'verbose_name': 'historical member state',
                'verbose_name_plural': 'historical member states',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='HistoricalMembership',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('standing', models.CharField(choices=[('member', 'Member'), ('observer', 'Observer'), ('suspended', 'Suspended')], default='member', max_length=10)),
                ('start_date', models.DateField(blank=True, help_text='Blank: not stated.', null=True)),
                ('end_date', models.DateField(blank=True, help_text='The last day of this standing. Blank: still so.', null=True)),
                ('note', models.TextField(blank=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('body', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.body')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('state', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.memberstate')),
                ('source', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'verbose_name': 'historical membership',
                'verbose_name_plural': 'historical memberships',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='HistoricalBody',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('key', models.SlugField(help_text='Used in data files and URLs.', max_length=40)),
                ('name', models.CharField(db_index=True, max_length=200)),
                ('short_name', models.CharField(blank=True, help_text='e.g. OIC', max_length=60)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('source', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'verbose_name': 'historical body',
                'verbose_name_plural': 'historical bodies',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='TextTranslation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField()),
                ('field', models.CharField(max_length=40)),
                ('language', models.CharField(choices=[('en', 'English'), ('fr', 'French'), ('ar', 'Arabic')], max_length=2)),
                ('text', models.TextField()),
                ('provenance', models.CharField(choices=[('verbatim', 'Verbatim'), ('paraphrase', 'Paraphrase'), ('translation', 'Unofficial translation by the project')], max_length=12)),
                ('locator', models.CharField(blank=True, max_length=200)),
                ('note', models.TextField(blank=True, help_text="e.g. 'unofficial translation by the secretariat'.")),
                ('original_language', models.CharField(blank=True, choices=[('en', 'English'), ('fr', 'French'), ('ar', 'Arabic')], max_length=2)),
                ('original_text', models.TextField(blank=True)),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
                ('source', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'ordering': ['content_type', 'object_id', 'field', 'language'],
                'indexes': [models.Index(fields=['content_type', 'object_id', 'language'], name='translation_lookup')],
                'constraints': [models.UniqueConstraint(fields=('content_type', 'object_id', 'field', 'language'), name='translation_unique_per_field_and_language'), models.CheckConstraint(condition=models.Q(('text', ''), _negated=True), name='translation_not_empty'), models.CheckConstraint(condition=models.Q(models.Q(('provenance', 'verbatim'), _negated=True), ('source__isnull', False), _connector='OR'), name='translation_verbatim_needs_source', violation_error_message='A verbatim translation must name its source.'), models.CheckConstraint(condition=models.Q(models.Q(('provenance', 'translation'), _negated=True), models.Q(models.Q(('original_text', ''), _negated=True), models.Q(('original_language', ''), _negated=True)), _connector='OR'), name='translation_keeps_its_original', violation_error_message='An unofficial translation keeps the text it was made from and its language.')],
            },
        ),
        migrations.CreateModel(
            name='Action',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=0, editable=False, help_text='Number of changes saved since the record was created (optimistic locking).')),
                ('key', models.SlugField(help_text='Stable identifier within the resolution, used by data files.', max_length=80)),
                ('title', models.CharField(max_length=300)),
                ('description', models.TextField(blank=True)),
                ('recurrence', models.CharField(blank=True, choices=[('', 'Not recurring'), ('annual', 'Annual'), ('biennial', 'Every two years')], default='', max_length=10)),
                ('responsible_locator', models.CharField(blank=True, max_length=200)),
                ('responsible_quote', models.TextField(blank=True, help_text="The source's words that name the responsible actors.")),
                ('due_date', models.DateField(blank=True, null=True)),
                ('weight', models.PositiveSmallIntegerField(default=1, help_text='Relative weight in the roll-up (1–100).', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(100)])),
                ('attribution_note', models.TextField(blank=True, help_text='Caveats on the attribution, e.g. conflicting sources.')),
                ('continues_symbol', models.CharField(blank=True, help_text="The earlier resolution's symbol. Blank: this action continues none.", max_length=100)),
                ('continues_key', models.SlugField(blank=True, help_text="The earlier action's key in its resolution.", max_length=80)),
                ('continues_quote', models.TextField(blank=True, help_text="The source's words that tie the two actions together.")),
                ('continues_note', models.TextField(blank=True, help_text='Caveats on the continuation, e.g. what the source does not say.')),
                ('continues', models.ForeignKey(blank=True, help_text='The action of an earlier resolution that this one carries on, when loaded.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='continued_by', to='resolutions.action')),
                ('responsible_actors', models.ManyToManyField(blank=True, related_name='actions', to='resolutions.actor')),
                ('mandate_type', models.ForeignKey(db_column='mandate_type', on_delete=django.db.models.deletion.PROTECT, related_name='actions', to='resolutions.mandatetype')),
                ('resolution', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='resolutions.resolution')),
                ('continues_source', models.ForeignKey(blank=True, help_text='The source that ties this action to the earlier one.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='resolutions.sourcedocument')),
                ('description_sources', models.ManyToManyField(blank=True, help_text='The sources of the facts the description states.', related_name='described_actions', to='resolutions.sourcedocument')),
                ('mandate_source', models.ForeignKey(blank=True, help_text='Where the attribution of this mandate to the resolution comes from.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='resolutions.sourcedocument')),
                ('responsible_source', models.ForeignKey(blank=True, help_text='The source that names the responsible actors.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'ordering': ['resolution', 'id'],
                'constraints': [models.UniqueConstraint(fields=('resolution', 'key'), name='action_key_unique'), models.CheckConstraint(condition=models.Q(('weight__gte', 1), ('weight__lte', 100)), name='action_weight_range', violation_error_message='Weight must be between 1 and 100.'), models.CheckConstraint(condition=models.Q(models.Q(('continues_symbol', ''), ('continues_key', ''), ('continues__isnull', True)), models.Q(models.Q(('continues_symbol', ''), _negated=True), models.Q(('continues_key', ''), _negated=True), ('continues_source__isnull', False)), _connector='OR'), name='action_continuation_named_and_sourced', violation_error_message='A continuation names the earlier resolution and action and the source that ties them.'), models.CheckConstraint(condition=models.Q(('continues', models.F('id')), _negated=True), name='action_does_not_continue_itself', violation_error_message='An action does not continue itself.')],
            },
        ),
        migrations.CreateModel(
            name='ActionReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=0, editable=False, help_text='Number of changes saved since the record was created (optimistic locking).')),
                ('reviewed_on', models.DateField(help_text='The date the sources were checked.')),
                ('note', models.TextField(help_text='What was checked, and what it showed.')),
                ('author_name', models.CharField(help_text='Who recorded it, kept as written at the time.', max_length=200)),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted for review'), ('published', 'Published')], default='draft', editable=False, max_length=10)),
                ('verification', models.CharField(blank=True, choices=[('reported', 'Reported'), ('verified', 'Verified')], editable=False, max_length=10)),
                ('submitted_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('published_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejected_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejection_reason', models.TextField(blank=True, editable=False)),
                ('review_note', models.TextField(blank=True, editable=False)),
                ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reviews', to='resolutions.action')),
                ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='action_reviews', to=settings.AUTH_USER_MODEL)),
                ('published_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('rejected_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('submitted_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['action', '-reviewed_on', '-recorded_at', '-id'],
                'indexes': [models.Index(fields=['action', '-reviewed_on', '-recorded_at', '-id'], name='action_review_latest')],
                'constraints': [models.CheckConstraint(condition=models.Q(('note', ''), _negated=True), name='action_review_has_note'), models.CheckConstraint(condition=models.Q(('author_name', ''), _negated=True), name='action_review_has_author_name'), models.CheckConstraint(condition=models.Q(('state__in', ['draft', 'submitted', 'published'])), name='action_review_state_valid'), models.CheckConstraint(condition=models.Q(models.Q(('published_at__isnull', False), ('state', 'published')), models.Q(models.Q(('state', 'published'), _negated=True), ('published_at__isnull', True)), _connector='OR'), name='action_review_published_at_iff_published'), models.CheckConstraint(condition=models.Q(models.Q(('state', 'published'), ('verification__in', ['reported', 'verified'])), models.Q(models.Q(('state', 'published'), _negated=True), ('verification', '')), _connector='OR'), name='action_review_verification_iff_published'), models.CheckConstraint(condition=models.Q(models.Q(('state', 'submitted'), _negated=True), ('submitted_at__isnull', False), _connector='OR'), name='action_review_submitted_has_time'), models.CheckConstraint(condition=models.Q(models.Q(('rejected_at__isnull', True), ('rejection_reason', '')), models.Q(('rejected_at__isnull', False), ('state', 'draft'), models.Q(('rejection_reason', ''), _negated=True)), _connector='OR'), name='action_review_rejection_has_reason')],
            },
        ),
        migrations.CreateModel(
            name='ActionStep',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField()),
                ('weighted_credit', models.PositiveIntegerField()),
                ('weight_scored', models.PositiveSmallIntegerField()),
                ('is_assessed', models.BooleanField()),
                ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='steps', to='resolutions.action')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('action', 'day'), name='action_step_once_a_day'), models.CheckConstraint(condition=models.Q(('weighted_credit__lte', django.db.models.expressions.CombinedExpression(models.Value(100), '*', models.F('weight_scored')))), name='action_step_credit_range')],
            },
        ),
        migrations.CreateModel(
            name='HistoricalAction',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=0, editable=False, help_text='Number of changes saved since the record was created (optimistic locking).')),
                ('key', models.SlugField(help_text='Stable identifier within the resolution, used by data files.', max_length=80)),
                ('title', models.CharField(max_length=300)),
                ('description', models.TextField(blank=True)),
                ('recurrence', models.CharField(blank=True, choices=[('', 'Not recurring'), ('annual', 'Annual'), ('biennial', 'Every two years')], default='', max_length=10)),
                ('responsible_locator', models.CharField(blank=True, max_length=200)),
                ('responsible_quote', models.TextField(blank=True, help_text="The source's words that name the responsible actors.")),
                ('due_date', models.DateField(blank=True, null=True)),
                ('weight', models.PositiveSmallIntegerField(default=1, help_text='Relative weight in the roll-up (1–100).', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(100)])),
                ('attribution_note', models.TextField(blank=True, help_text='Caveats on the attribution, e.g. conflicting sources.')),
                ('continues_symbol', models.CharField(blank=True, help_text="The earlier resolution's symbol. Blank: this action continues none.", max_length=100)),
                ('continues_key', models.SlugField(blank=True, help_text="The earlier action's key in its resolution.", max_length=80)),
                ('continues_quote', models.TextField(blank=True, help_text="The source's words that tie the two actions together.")),
                ('continues_note', models.TextField(blank=True, help_text='Caveats on the continuation, e.g. what the source does not say.')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('continues', models.ForeignKey(blank=True, db_constraint=False, help_text='The action of an earlier resolution that this one carries on, when loaded.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.action')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('mandate_type', models.ForeignKey(blank=True, db_column='mandate_type', db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.mandatetype')),
                ('resolution', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.resolution')),
                ('continues_source', models.ForeignKey(blank=True, db_constraint=False, help_text='The source that ties this action to the earlier one.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.sourcedocument')),
                ('mandate_source', models.ForeignKey(blank=True, db_constraint=False, help_text='Where the attribution of this mandate to the resolution comes from.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.sourcedocument')),
                ('responsible_source', models.ForeignKey(blank=True, db_constraint=False, help_text='The source that names the responsible actors.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'verbose_name': 'historical action',
                'verbose_name_plural': 'historical actions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='HistoricalAction_responsible_actors',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('action', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.action')),
                ('actor', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.actor')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='resolutions.historicalaction')),
            ],
            options={
                'verbose_name': 'HistoricalAction_responsible_actors',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalActionReview',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=0, editable=False, help_text='Number of changes saved since the record was created (optimistic locking).')),
                ('reviewed_on', models.DateField(help_text='The date the sources were checked.')),
                ('note', models.TextField(help_text='What was checked, and what it showed.')),
                ('author_name', models.CharField(help_text='Who recorded it, kept as written at the time.', max_length=200)),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted for review'), ('published', 'Published')], default='draft', editable=False, max_length=10)),
                ('verification', models.CharField(blank=True, choices=[('reported', 'Reported'), ('verified', 'Verified')], editable=False, max_length=10)),
                ('submitted_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('published_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejected_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejection_reason', models.TextField(blank=True, editable=False)),
                ('review_note', models.TextField(blank=True, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('action', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.action')),
                ('author', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('published_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('rejected_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('submitted_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical action review',
                'verbose_name_plural': 'historical action reviews',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='HistoricalOccurrence',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted for review'), ('published', 'Published')], default='published', editable=False, max_length=10)),
                ('submitted_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('published_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejected_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejection_reason', models.TextField(blank=True, editable=False)),
                ('version', models.PositiveIntegerField(default=0, editable=False, help_text='Number of changes saved since the record was created (optimistic locking).')),
                ('key', models.SlugField(blank=True, help_text='Stable identifier within the action (data files).', max_length=80)),
                ('kind', models.CharField(choices=[('conference', 'Conference'), ('meeting', 'Meeting'), ('training', 'Training session'), ('other', 'Other')], max_length=12)),
                ('title', models.CharField(max_length=300)),
                ('start_date', models.DateField()),
                ('end_date', models.DateField(blank=True, null=True)),
                ('date_precision', models.CharField(choices=[('day', 'Day'), ('month', 'Month'), ('year', 'Year'), ('after', 'On or after this day')], default='day', help_text="When a source gives only the month or year, the date is its first day; 'on or after' when it gives only the event it followed (the date is that event's).", max_length=5)),
                ('place', models.CharField(blank=True, max_length=200)),
                ('theme', models.CharField(blank=True, max_length=500)),
                ('participants_count', models.PositiveIntegerField(blank=True, null=True)),
                ('participants_count_is_minimum', models.BooleanField(default=False, help_text="The source says 'more than' this number.")),
                ('member_states_count', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('participation_note', models.TextField(blank=True)),
                ('notes', models.TextField(blank=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('action', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.action')),
                ('author', models.ForeignKey(blank=True, db_constraint=False, editable=False, help_text='Who recorded it in the admin; empty for data-file records.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('published_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('rejected_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical occurrence',
                'verbose_name_plural': 'historical occurrences',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='Occurrence',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted for review'), ('published', 'Published')], default='published', editable=False, max_length=10)),
                ('submitted_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('published_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejected_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejection_reason', models.TextField(blank=True, editable=False)),
                ('version', models.PositiveIntegerField(default=0, editable=False, help_text='Number of changes saved since the record was created (optimistic locking).')),
                ('key', models.SlugField(blank=True, help_text='Stable identifier within the action (data files).', max_length=80)),
                ('kind', models.CharField(choices=[('conference', 'Conference'), ('meeting', 'Meeting'), ('training', 'Training session'), ('other', 'Other')], max_length=12)),
                ('title', models.CharField(max_length=300)),
                ('start_date', models.DateField()),
                ('end_date', models.DateField(blank=True, null=True)),
                ('date_precision', models.CharField(choices=[('day', 'Day'), ('month', 'Month'), ('year', 'Year'), ('after', 'On or after this day')], default='day', help_text="When a source gives only the month or year, the date is its first day; 'on or after' when it gives only the event it followed (the date is that event's).", max_length=5)),
                ('place', models.CharField(blank=True, max_length=200)),
                ('theme', models.CharField(blank=True, max_length=500)),
                ('participants_count', models.PositiveIntegerField(blank=True, null=True)),
                ('participants_count_is_minimum', models.BooleanField(default=False, help_text="The source says 'more than' this number.")),
                ('member_states_count', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('participation_note', models.TextField(blank=True)),
                ('notes', models.TextField(blank=True)),
                ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='occurrences', to='resolutions.action')),
                ('author', models.ForeignKey(blank=True, editable=False, help_text='Who recorded it in the admin; empty for data-file records.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('published_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('rejected_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('sources', models.ManyToManyField(blank=True, related_name='occurrences', to='resolutions.sourcedocument')),
            ],
            options={
                'ordering': ['action', 'start_date'],
                'indexes': [models.Index(fields=['action', 'start_date'], name='occurrence_action_date')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('key', ''), _negated=True), fields=('action', 'key'), name='occurrence_key_unique'), models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('end_date__gte', models.F('start_date')), _connector='OR'), name='occurrence_dates_ordered', violation_error_message='An occurrence cannot end before it starts.'), models.CheckConstraint(condition=models.Q(('member_states_count__isnull', True), ('member_states_count__lte', 57), _connector='OR'), name='occurrence_member_states_at_most_57', violation_error_message='The OIC has 57 Member States.'), models.CheckConstraint(condition=models.Q(('state__in', ['draft', 'submitted', 'published'])), name='occurrence_state_valid'), models.CheckConstraint(condition=models.Q(models.Q(('rejected_at__isnull', True), ('rejection_reason', '')), models.Q(('rejected_at__isnull', False), ('state', 'draft'), models.Q(('rejection_reason', ''), _negated=True)), _connector='OR'), name='occurrence_rejection_has_reason', violation_error_message='A rejected record goes back to draft with the reason.')],
            },
        ),
        migrations.CreateModel(
            name='HistoricalActionParagraph',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('action', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.action')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('paragraph', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.paragraph')),
            ],
            options={
                'verbose_name': 'historical action paragraph',
                'verbose_name_plural': 'historical action paragraphs',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='ActionParagraph',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='resolutions.action')),
                ('paragraph', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='resolutions.paragraph')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('action', 'paragraph'), name='action_paragraph_unique')],
            },
        ),
        migrations.CreateModel(
            name='SourcedFigure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted for review'), ('published', 'Published')], default='published', editable=False, max_length=10)),
                ('submitted_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('published_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejected_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejection_reason', models.TextField(blank=True, editable=False)),
                ('label', models.CharField(max_length=200)),
                ('value', models.PositiveIntegerField()),
                ('is_minimum', models.BooleanField(default=False, help_text="The source says 'more than'.")),
                ('as_of', models.DateField()),
                ('quote', models.TextField(blank=True)),
                ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='figures', to='resolutions.action')),
                ('author', models.ForeignKey(blank=True, editable=False, help_text='Who recorded it in the admin; empty for data-file records.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('published_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('rejected_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('source', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'ordering': ['action', 'as_of'],
                'constraints': [models.CheckConstraint(condition=models.Q(('state__in', ['draft', 'submitted', 'published'])), name='sourced_figure_state_valid'), models.CheckConstraint(condition=models.Q(models.Q(('rejected_at__isnull', True), ('rejection_reason', '')), models.Q(('rejected_at__isnull', False), ('state', 'draft'), models.Q(('rejection_reason', ''), _negated=True)), _connector='OR'), name='sourced_figure_rejection_has_reason', violation_error_message='A rejected record goes back to draft with the reason.')],
            },
        ),
        migrations.CreateModel(
            name='ReviewEvidence',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('url', models.URLField(blank=True, max_length=500)),
                ('title', models.CharField(blank=True, max_length=300)),
                ('locator', models.CharField(blank=True, max_length=200)),
                ('quote', models.TextField(blank=True)),
                ('occurrence', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='resolutions.occurrence')),
                ('review', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evidence', to='resolutions.actionreview')),
                ('source', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'verbose_name_plural': 'review evidence',
                'ordering': ['review', 'id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('source__isnull', False), ('occurrence__isnull', False), models.Q(('url', ''), _negated=True), _connector='OR'), name='review_evidence_points_somewhere', violation_error_message='Evidence needs a source document, a meeting or a URL.')],
            },
        ),
        migrations.CreateModel(
            name='Participation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted for review'), ('published', 'Published')], default='published', editable=False, max_length=10)),
                ('submitted_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('published_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejected_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejection_reason', models.TextField(blank=True, editable=False)),
                ('role', models.CharField(choices=[('host', 'Host or organiser'), ('speaker', 'Speaker or panellist'), ('participant', 'Participant')], default='participant', max_length=12)),
                ('note', models.TextField(blank=True)),
                ('author', models.ForeignKey(blank=True, editable=False, help_text='Who recorded it in the admin; empty for data-file records.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('member_state', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='participations', to='resolutions.memberstate')),
                ('occurrence', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='participations', to='resolutions.occurrence')),
                ('published_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('rejected_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('source', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'ordering': ['occurrence', 'member_state'],
                'constraints': [models.UniqueConstraint(fields=('occurrence', 'member_state'), name='participation_unique'), models.CheckConstraint(condition=models.Q(('state__in', ['draft', 'submitted', 'published'])), name='participation_state_valid'), models.CheckConstraint(condition=models.Q(models.Q(('rejected_at__isnull', True), ('rejection_reason', '')), models.Q(('rejected_at__isnull', False), ('state', 'draft'), models.Q(('rejection_reason', ''), _negated=True)), _connector='OR'), name='participation_rejection_has_reason', violation_error_message='A rejected record goes back to draft with the reason.')],
            },
        ),
        migrations.CreateModel(
            name='MemberStateRole',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted for review'), ('published', 'Published')], default='published', editable=False, max_length=10)),
                ('submitted_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('published_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejected_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejection_reason', models.TextField(blank=True, editable=False)),
                ('role', models.CharField(choices=[('member', 'Member'), ('co_chair', 'Co-chair'), ('proposer', 'Proposer')], max_length=10)),
                ('as_of', models.DateField(blank=True, null=True)),
                ('quote', models.TextField(blank=True)),
                ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='member_state_roles', to='resolutions.action')),
                ('author', models.ForeignKey(blank=True, editable=False, help_text='Who recorded it in the admin; empty for data-file records.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('member_state', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='roles', to='resolutions.memberstate')),
                ('published_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('rejected_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('source', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'ordering': ['action', 'role', 'member_state'],
                'constraints': [models.UniqueConstraint(fields=('member_state', 'action', 'role'), name='member_state_role_unique'), models.CheckConstraint(condition=models.Q(('state__in', ['draft', 'submitted', 'published'])), name='member_state_role_state_valid'), models.CheckConstraint(condition=models.Q(models.Q(('rejected_at__isnull', True), ('rejection_reason', '')), models.Q(('rejected_at__isnull', False), ('state', 'draft'), models.Q(('rejection_reason', ''), _negated=True)), _connector='OR'), name='member_state_role_rejection_has_reason', violation_error_message='A rejected record goes back to draft with the reason.')],
            },
        ),
        migrations.CreateModel(
            name='HistoricalSourcedFigure',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted for review'), ('published', 'Published')], default='published', editable=False, max_length=10)),
                ('submitted_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('published_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejected_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejection_reason', models.TextField(blank=True, editable=False)),
                ('label', models.CharField(max_length=200)),
                ('value', models.PositiveIntegerField()),
                ('is_minimum', models.BooleanField(default=False, help_text="The source says 'more than'.")),
                ('as_of', models.DateField()),
                ('quote', models.TextField(blank=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('action', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.action')),
                ('author', models.ForeignKey(blank=True, db_constraint=False, editable=False, help_text='Who recorded it in the admin; empty for data-file records.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('published_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('rejected_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('source', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'verbose_name': 'historical sourced figure',
                'verbose_name_plural': 'historical sourced figures',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='HistoricalReviewEvidence',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('url', models.URLField(blank=True, max_length=500)),
                ('title', models.CharField(blank=True, max_length=300)),
                ('locator', models.CharField(blank=True, max_length=200)),
                ('quote', models.TextField(blank=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('review', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.actionreview')),
                ('occurrence', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.occurrence')),
                ('source', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'verbose_name': 'historical review evidence',
                'verbose_name_plural': 'historical review evidence',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='HistoricalParticipation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted for review'), ('published', 'Published')], default='published', editable=False, max_length=10)),
                ('submitted_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('published_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejected_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejection_reason', models.TextField(blank=True, editable=False)),
                ('role', models.CharField(choices=[('host', 'Host or organiser'), ('speaker', 'Speaker or panellist'), ('participant', 'Participant')], default='participant', max_length=12)),
                ('note', models.TextField(blank=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('author', models.ForeignKey(blank=True, db_constraint=False, editable=False, help_text='Who recorded it in the admin; empty for data-file records.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('published_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('rejected_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('member_state', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.memberstate')),
                ('occurrence', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.occurrence')),
                ('source', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'verbose_name': 'historical participation',
                'verbose_name_plural': 'historical participations',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='HistoricalOccurrence_sources',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='resolutions.historicaloccurrence')),
                ('occurrence', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.occurrence')),
                ('sourcedocument', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'verbose_name': 'HistoricalOccurrence_sources',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalMemberStateRole',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted for review'), ('published', 'Published')], default='published', editable=False, max_length=10)),
                ('submitted_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('published_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejected_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejection_reason', models.TextField(blank=True, editable=False)),
                ('role', models.CharField(choices=[('member', 'Member'), ('co_chair', 'Co-chair'), ('proposer', 'Proposer')], max_length=10)),
                ('as_of', models.DateField(blank=True, null=True)),
                ('quote', models.TextField(blank=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('action', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.action')),
                ('author', models.ForeignKey(blank=True, db_constraint=False, editable=False, help_text='Who recorded it in the admin; empty for data-file records.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('published_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('rejected_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('member_state', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.memberstate')),
                ('source', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'verbose_name': 'historical member state role',
                'verbose_name_plural': 'historical member state roles',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='HistoricalAction_description_sources',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('action', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.action')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='resolutions.historicalaction')),
                ('sourcedocument', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.sourcedocument')),
            ],
            options={
                'verbose_name': 'HistoricalAction_description_sources',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='StatusUpdate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=0, editable=False, help_text='Number of changes saved since the record was created (optimistic locking).')),
                ('status', models.CharField(choices=[('not_yet_assessed', 'Not yet assessed'), ('not_started', 'Not started'), ('in_progress', 'In progress'), ('completed', 'Completed'), ('ongoing', 'Ongoing (on track)'), ('delayed', 'Delayed / stalled'), ('not_applicable', 'Not applicable')], max_length=20)),
                ('progress', models.PositiveSmallIntegerField(blank=True, help_text='0–100, only where a sourced figure exists.', null=True, validators=[django.core.validators.MaxValueValidator(100, 'Progress is a percentage between 0 and 100.')])),
                ('as_of', models.DateField(help_text='The date the assessment describes.')),
                ('note', models.TextField(help_text='At most 5000 characters; the evidence carries the detail.', max_length=5000, validators=[django.core.validators.MaxLengthValidator(5000)])),
                ('author_name', models.CharField(help_text='Who recorded it, kept as written at the time.', max_length=200)),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('import_key', models.CharField(blank=True, editable=False, help_text='Identifies an update that came from a data file, so reloading is idempotent.', max_length=80)),
                ('state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted for review'), ('published', 'Published')], default='draft', editable=False, max_length=10)),
                ('verification', models.CharField(blank=True, choices=[('reported', 'Reported'), ('verified', 'Verified')], editable=False, help_text='Set when published: reported (self-assessed by the responsible actor) or verified (confirmed against the evidence by a reviewer).', max_length=10)),
                ('submitted_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('published_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejected_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejection_reason', models.TextField(blank=True, editable=False)),
                ('review_note', models.TextField(blank=True, editable=False, help_text='The note given with the last workflow step.')),
                ('verified_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_updates', to='resolutions.action')),
                ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='status_updates', to=settings.AUTH_USER_MODEL)),
                ('corrects', models.ForeignKey(blank=True, help_text='The published update this one corrects (“Correct this update”).', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to='resolutions.statusupdate')),
                ('published_by', models.ForeignKey(blank=True, editable=False, help_text='The reviewer; empty for updates loaded from a data file.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('rejected_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('submitted_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('superseded_by', models.ForeignKey(blank=True, editable=False, help_text='The published correction that replaced this update.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='resolutions.statusupdate')),
                ('verified_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['action', '-as_of', '-recorded_at', '-id'],
                'permissions': [('publish_statusupdate', 'Can publish or reject status updates (review)'), ('edit_any_draft', 'Can edit and delete drafts recorded by others')],
                'get_latest_by': ['as_of', 'recorded_at', 'id'],
                'indexes': [models.Index(fields=['action', '-as_of', '-recorded_at', '-id'], name='status_update_latest'), models.Index(condition=models.Q(('state', 'published')), fields=['-as_of', '-recorded_at', '-id'], name='status_update_recent')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('import_key', ''), _negated=True), fields=('action', 'import_key'), name='status_update_import_key_unique'), models.CheckConstraint(condition=models.Q(('progress__isnull', True), models.Q(('progress__gte', 0), ('progress__lte', 100)), _connector='OR'), name='status_update_progress_range', violation_error_message='Progress is a percentage between 0 and 100.'), models.CheckConstraint(condition=models.Q(('progress__isnull', True), ('status__in', ['in_progress', 'delayed', 'completed', 'ongoing']), _connector='OR'), name='status_update_progress_only_when_meaningful', violation_error_message='Progress is only recorded for in progress, delayed, completed or ongoing.'), models.CheckConstraint(condition=models.Q(models.Q(('status', 'completed'), _negated=True), ('progress__isnull', True), ('progress', 100), _connector='OR'), name='status_update_completed_is_100', violation_error_message='A completed action is at 100%% progress.'), models.CheckConstraint(condition=models.Q(('note', ''), _negated=True), name='status_update_has_note'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('note'), 5000), name='status_update_note_length', violation_error_message='A note is at most 5000 characters.'), models.CheckConstraint(condition=models.Q(('author_name', ''), _negated=True), name='status_update_has_author_name'), models.CheckConstraint(condition=models.Q(('state__in', ['draft', 'submitted', 'published'])), name='status_update_state_valid'), models.CheckConstraint(condition=models.Q(models.Q(('published_at__isnull', False), ('state', 'published')), models.Q(models.Q(('state', 'published'), _negated=True), ('published_at__isnull', True)), _connector='OR'), name='status_update_published_at_iff_published', violation_error_message='A published update has a publication time; an unpublished one has none.'), models.CheckConstraint(condition=models.Q(models.Q(('state', 'published'), ('verification__in', ['reported', 'verified'])), models.Q(models.Q(('state', 'published'), _negated=True), ('verification', '')), _connector='OR'), name='status_update_verification_iff_published', violation_error_message='A published update is either reported or verified; an unpublished one is neither yet.'), models.CheckConstraint(condition=models.Q(models.Q(('state', 'submitted'), _negated=True), ('submitted_at__isnull', False), _connector='OR'), name='status_update_submitted_has_time'), models.CheckConstraint(condition=models.Q(models.Q(('rejected_at__isnull', True), ('rejection_reason', '')), models.Q(('rejected_at__isnull', False), ('state', 'draft'), models.Q(('rejection_reason', ''), _negated=True)), _connector='OR'), name='status_update_rejection_has_reason', violation_error_message='A rejected update goes back to draft with the reason it was rejected.'), models.CheckConstraint(condition=models.Q(('superseded_by__isnull', True), ('state', 'published'), _connector='OR'), name='status_update_superseded_only_when_published'), models.CheckConstraint(condition=models.Q(('corrects__isnull', True), models.Q(('corrects', models.F('id')), _negated=True), _connector='OR'), name='status_update_does_not_correct_itself'), models.CheckConstraint(condition=models.Q(('verified_at__isnull', True), ('verification', 'verified'), _connector='OR'), name='status_update_verified_at_only_when_verified')],
            },
        ),
        migrations.CreateModel(
            name='HistoricalStatusUpdate',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=0, editable=False, help_text='Number of changes saved since the record was created (optimistic locking).')),
                ('status', models.CharField(choices=[('not_yet_assessed', 'Not yet assessed'), ('not_started', 'Not started'), ('in_progress', 'In progress'), ('completed', 'Completed'), ('ongoing', 'Ongoing (on track)'), ('delayed', 'Delayed / stalled'), ('not_applicable', 'Not applicable')], max_length=20)),
                ('progress', models.PositiveSmallIntegerField(blank=True, help_text='0–100, only where a sourced figure exists.', null=True, validators=[django.core.validators.MaxValueValidator(100, 'Progress is a percentage between 0 and 100.')])),
                ('as_of', models.DateField(help_text='The date the assessment describes.')),
                ('note', models.TextField(help_text='At most 5000 characters; the evidence carries the detail.', max_length=5000, validators=[django.core.validators.MaxLengthValidator(5000)])),
                ('author_name', models.CharField(help_text='Who recorded it, kept as written at the time.', max_length=200)),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('import_key', models.CharField(blank=True, editable=False, help_text='Identifies an update that came from a data file, so reloading is idempotent.', max_length=80)),
                ('state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted for review'), ('published', 'Published')], default='draft', editable=False, max_length=10)),
                ('verification', models.CharField(blank=True, choices=[('reported', 'Reported'), ('verified', 'Verified')], editable=False, help_text='Set when published: reported (self-assessed by the responsible actor) or verified (confirmed against the evidence by a reviewer).', max_length=10)),
                ('submitted_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('published_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejected_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('rejection_reason', models.TextField(blank=True, editable=False)),
                ('review_note', models.TextField(blank=True, editable=False, help_text='The note given with the last workflow step.')),
                ('verified_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('action', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.action')),
                ('author', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('published_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, help_text='The reviewer; empty for updates loaded from a data file.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('rejected_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('submitted_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('verified_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('corrects', models.ForeignKey(blank=True, db_constraint=False, help_text='The published update this one corrects (“Correct this update”).', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.statusupdate')),
                ('superseded_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, help_text='The published correction that replaced this update.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.statusupdate')),
            ],
            options={
                'verbose_name': 'historical status update',
                'verbose_name_plural': 'historical status updates',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='HistoricalEvidence',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('url', models.URLField(blank=True, max_length=500)),
                ('title', models.CharField(blank=True, max_length=300)),
                ('locator', models.CharField(blank=True, help_text='Page, paragraph or section within the source.', max_length=200)),
                ('quote', models.TextField(blank=True, help_text='The words relied on, verbatim.')),
                ('file', models.TextField(blank=True, help_text='A PDF, DOCX, XLSX or image (see README for the size limit). Its SHA-256 is stored and shown so the citation can be checked later.', max_length=300)),
                ('file_type', models.CharField(blank=True, editable=False, max_length=5)),
                ('file_sha256', models.CharField(blank=True, editable=False, help_text="Of the file's bytes.", max_length=64, verbose_name='SHA-256')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('occurrence', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.occurrence')),
                ('source', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.sourcedocument')),
                ('status_update', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.statusupdate')),
            ],
            options={
                'verbose_name': 'historical evidence',
                'verbose_name_plural': 'historical evidence',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='Evidence',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('url', models.URLField(blank=True, max_length=500)),
                ('title', models.CharField(blank=True, max_length=300)),
                ('locator', models.CharField(blank=True, help_text='Page, paragraph or section within the source.', max_length=200)),
                ('quote', models.TextField(blank=True, help_text='The words relied on, verbatim.')),
                ('file', models.FileField(blank=True, help_text='A PDF, DOCX, XLSX or image (see README for the size limit). Its SHA-256 is stored and shown so the citation can be checked later.', max_length=300, upload_to='evidence/%Y/%m/')),
                ('file_type', models.CharField(blank=True, editable=False, max_length=5)),
                ('file_sha256', models.CharField(blank=True, editable=False, help_text="Of the file's bytes.", max_length=64, verbose_name='SHA-256')),
                ('occurrence', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='evidence', to='resolutions.occurrence')),
                ('source', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='evidence', to='resolutions.sourcedocument')),
                ('status_update', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evidence', to='resolutions.statusupdate')),
            ],
            options={
                'verbose_name_plural': 'evidence',
                'ordering': ['status_update', 'id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('source__isnull', False), ('occurrence__isnull', False), models.Q(('url', ''), _negated=True), models.Q(('file', ''), _negated=True), _connector='OR'), name='evidence_points_somewhere', violation_error_message='Evidence needs a source document, a meeting, a URL or a file.'), models.CheckConstraint(condition=models.Q(models.Q(('file', ''), ('file_sha256', '')), models.Q(models.Q(('file', ''), _negated=True), models.Q(('file_sha256', ''), _negated=True)), _connector='OR'), name='evidence_file_has_checksum')],
            },
        ),
        migrations.CreateModel(
            name='ActionState',
            fields=[
                ('action', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='state', serialize=False, to='resolutions.action')),
                ('computed_for', models.DateField()),
                ('next_change_on', models.DateField(blank=True, null=True)),
                ('computed_at', models.DateTimeField(auto_now=True)),
                ('current_status', models.CharField(choices=[('not_yet_assessed', 'Not yet assessed'), ('not_started', 'Not started'), ('in_progress', 'In progress'), ('completed', 'Completed'), ('ongoing', 'Ongoing (on track)'), ('delayed', 'Delayed / stalled'), ('not_applicable', 'Not applicable'), ('not_yet_due', 'Not yet due'), ('no_occurrence', 'No occurrence recorded')], max_length=20)),
                ('credit', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('latest_status', models.CharField(blank=True, max_length=20, null=True)),
                ('latest_progress', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('latest_as_of', models.DateField(blank=True, null=True)),
                ('last_reviewed_on', models.DateField(blank=True, null=True)),
                ('last_looked_on', models.DateField(blank=True, null=True)),
                ('last_occurrence_on', models.DateField(blank=True, null=True)),
                ('last_occurrence_precision', models.CharField(blank=True, choices=[('day', 'Day'), ('month', 'Month'), ('year', 'Year'), ('after', 'On or after this day')], max_length=5, null=True)),
                ('next_due_on', models.DateField(blank=True, null=True)),
                ('has_paragraph', models.BooleanField()),
                ('has_scored_paragraph', models.BooleanField()),
                ('is_scored', models.BooleanField()),
                ('is_assessed', models.BooleanField()),
                ('is_unfigured', models.BooleanField()),
                ('is_before_adoption', models.BooleanField()),
                ('is_overdue', models.BooleanField()),
                ('is_stale', models.BooleanField()),
                ('latest_update', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='resolutions.statusupdate')),
            ],
            options={
                'indexes': [models.Index(fields=['next_change_on'], name='action_state_next_change')],
                'constraints': [models.CheckConstraint(condition=models.Q(('credit__isnull', True), ('credit__lte', 100), _connector='OR'), name='action_state_credit_range'), models.CheckConstraint(condition=models.Q(('next_change_on__isnull', True), ('next_change_on__gt', models.F('computed_for')), _connector='OR'), name='action_state_changes_later')],
            },
        ),
        migrations.AddField(
            model_name='action',
            name='paragraphs',
            field=models.ManyToManyField(blank=True, related_name='actions', through='resolutions.ActionParagraph', to='resolutions.paragraph'),
        ),
        migrations.RunPython(seed_vocabularies, migrations.RunPython.noop),
        migrations.RunPython(create_triggers, drop_triggers),
        migrations.RunPython(
            _on_postgresql(SEARCH_INDEXES), _on_postgresql(SEARCH_INDEXES_DROP), elidable=False
        ),
    ]
