"""The API's serializers, one module a resource, re-exported here for the views."""

from annotations.api.serializers.articles import (
    ArticleCreateSerializer,
    ArticleDetailSerializer,
    ArticleSerializer,
    ArticleUpdateSerializer,
    DuplicateArticleSerializer,
    SplitResultSerializer,
)
from annotations.api.serializers.claims import (
    ClaimCreateSerializer,
    ClaimDetailSerializer,
    ClaimSerializer,
    ClaimUpdateSerializer,
    ReviewEventSerializer,
    SimilarClaimSerializer,
    SimilarRatingSerializer,
    TransitionSerializer,
)
from annotations.api.serializers.comments import CommentModerationSerializer, CommentSerializer
from annotations.api.serializers.common import (
    OptionalURLField,
    PublicAwareSerializer,
    ReadUsernameField,
    UsernameField,
    public_credits,
)
from annotations.api.serializers.evidence import (
    EvidenceCreateSerializer,
    EvidenceSerializer,
    EvidenceUpdateSerializer,
    SourceCreateSerializer,
    SourceSerializer,
)
from annotations.api.serializers.users import UserSerializer
from annotations.api.serializers.verdicts import (
    FinalVerdictSerializer,
    RatingScaleSerializer,
    RatingSerializer,
    VerdictCreateSerializer,
    VerdictSerializer,
)

__all__ = [
    "ArticleCreateSerializer",
    "ArticleDetailSerializer",
    "ArticleSerializer",
    "ArticleUpdateSerializer",
    "ClaimCreateSerializer",
    "ClaimDetailSerializer",
    "ClaimSerializer",
    "ClaimUpdateSerializer",
    "CommentModerationSerializer",
    "CommentSerializer",
    "DuplicateArticleSerializer",
    "EvidenceCreateSerializer",
    "EvidenceSerializer",
    "EvidenceUpdateSerializer",
    "FinalVerdictSerializer",
    "OptionalURLField",
    "PublicAwareSerializer",
    "RatingScaleSerializer",
    "RatingSerializer",
    "ReadUsernameField",
    "ReviewEventSerializer",
    "SimilarClaimSerializer",
    "SimilarRatingSerializer",
    "SourceCreateSerializer",
    "SourceSerializer",
    "SplitResultSerializer",
    "TransitionSerializer",
    "UserSerializer",
    "UsernameField",
    "VerdictCreateSerializer",
    "VerdictSerializer",
    "public_credits",
]
