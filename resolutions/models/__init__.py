from .action_state import ActionState, ActionStep
from .actions import Action, ActionParagraph, Actor, Occurrence, Recurrence
from .bodies import Body, Membership
from .facts import FactCorrection
from .figures import SourcedFigure
from .member_states import MemberState, MemberStateRole, Participation
from .provenance import Provenance
from .resolution import LinkKind, Paragraph, ParagraphKind, Resolution, ResolutionLink, Vote
from .reviews import ActionReview, ReviewEvidence
from .sources import SourceDocument
from .status_updates import (
    VERIFICATION_DEFINITIONS,
    AppendOnlyError,
    Evidence,
    State,
    StatusUpdate,
    Verification,
)
from .translations import Language, TextTranslation
from .versioning import ConflictError, VersionedModel
from .vocabularies import VOCABULARIES, ActorKind, Addressee, MandateType, OperativeVerb

# Last: registers the audit trail (historical tables) for every model imported above.
from .audit import AUDITED_MODELS  # noqa: E402  isort: skip

__all__ = [
    "AUDITED_MODELS",
    "VERIFICATION_DEFINITIONS",
    "Action",
    "ActionState",
    "ActionStep",
    "ActionReview",
    "ReviewEvidence",
    "AppendOnlyError",
    "ConflictError",
    "State",
    "Verification",
    "VersionedModel",
    "ActionParagraph",
    "Actor",
    "Evidence",
    "FactCorrection",
    "MandateType",
    "ActorKind",
    "Addressee",
    "OperativeVerb",
    "VOCABULARIES",
    "MemberState",
    "MemberStateRole",
    "Occurrence",
    "Paragraph",
    "ParagraphKind",
    "Participation",
    "Provenance",
    "Recurrence",
    "Resolution",
    "Body",
    "Membership",
    "ResolutionLink",
    "LinkKind",
    "Vote",
    "SourceDocument",
    "SourcedFigure",
    "StatusUpdate",
    "Language",
    "TextTranslation",
]
