from .actions import Action, ActionParagraph, Actor, MandateType, Occurrence, Recurrence
from .figures import SourcedFigure
from .member_states import MemberState, MemberStateRole, Participation
from .provenance import Provenance
from .resolution import Paragraph, ParagraphKind, Resolution
from .sources import SourceDocument
from .status_updates import Evidence, StatusUpdate
from .translations import Language, TextTranslation

__all__ = [
    "Action",
    "ActionParagraph",
    "Actor",
    "Evidence",
    "MandateType",
    "MemberState",
    "MemberStateRole",
    "Occurrence",
    "Paragraph",
    "ParagraphKind",
    "Participation",
    "Provenance",
    "Recurrence",
    "Resolution",
    "SourceDocument",
    "SourcedFigure",
    "StatusUpdate",
    "Language",
    "TextTranslation",
]
