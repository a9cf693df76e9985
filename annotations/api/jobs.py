"""Background jobs: read one job's status, progress and per-item errors."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from annotations.api.serializers.common import read_only
from annotations.models import Job, JobItem
from annotations.selectors.jobs import job_for


class JobErrorSerializer(serializers.ModelSerializer):
    item = serializers.IntegerField(source="position", help_text=_("The item's place in the job."))

    Meta = read_only(JobItem, "item", "url", "message")


class JobProgressSerializer(serializers.Serializer):
    done = serializers.IntegerField()
    failed = serializers.IntegerField()
    total = serializers.IntegerField()


class JobSerializer(serializers.ModelSerializer):
    progress = serializers.SerializerMethodField()
    errors = JobErrorSerializer(source="failed_items", many=True, read_only=True)
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    Meta = read_only(
        Job,
        "id",
        "kind",
        "status",
        "progress",
        "errors",
        "feed",
        "created_by",
        "created_at",
        "started_at",
        "finished_at",
    )

    @extend_schema(responses=JobProgressSerializer)
    def get_progress(self, job: Job) -> dict:
        return {"done": job.done, "failed": job.failed, "total": job.total}


class JobAcceptedSerializer(serializers.Serializer):
    job = serializers.URLField(
        help_text=_("With workers configured, a URL import is queued: follow the job here.")
    )


class JobDetailView(generics.GenericAPIView):
    """A job's status, progress (done/failed/total) and the error of each failed item."""

    permission_classes = [IsAuthenticated]
    serializer_class = JobSerializer
    filter_backends: list = []

    @extend_schema(summary=_("Get a background job (its owner or staff only)"))
    def get(self, request: Request, pk: int) -> Response:
        return Response(JobSerializer(job_for(pk=pk, user=request.user)).data)
