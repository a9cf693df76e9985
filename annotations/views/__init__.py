"""Browser pages, one module per page or area; each parses the form, calls one service, renders."""

from annotations.views.article_page import article_act, article_detail, claim_mark
from annotations.views.articles import article_list
from annotations.views.claims import (
    claim_detail,
    claim_edit,
    claim_list,
    claim_span,
    claim_transition,
)
from annotations.views.comments import comment_add
from annotations.views.evidence import evidence_add, evidence_remove
from annotations.views.home import home
from annotations.views.importing import article_import
from annotations.views.profile import public_profile_edit
from annotations.views.public import factcheck_list, factcheck_public
from annotations.views.review import review_queue
from annotations.views.tokens import token_list, token_revoke
from annotations.views.verdicts import verdict_add

__all__ = [
    "article_act",
    "article_detail",
    "article_import",
    "article_list",
    "claim_detail",
    "claim_edit",
    "claim_list",
    "claim_mark",
    "claim_span",
    "claim_transition",
    "comment_add",
    "evidence_add",
    "evidence_remove",
    "factcheck_list",
    "factcheck_public",
    "home",
    "public_profile_edit",
    "review_queue",
    "token_list",
    "token_revoke",
    "verdict_add",
]
