"""The signed-in user and their roles."""

from rest_framework import serializers

from annotations.permissions import user_roles


class UserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    roles = serializers.SerializerMethodField()
    is_staff = serializers.BooleanField()

    def get_roles(self, user) -> list[str]:
        return sorted(user_roles(user))
