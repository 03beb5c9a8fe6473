from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """Page-number pagination whose bad parameters are the caller's error (400), with a message,
    rather than DRF's 404 for a bad page or a silent fallback for a bad page size."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param)
        if raw is not None and raw not in self.last_page_strings:
            self._positive(raw, self.page_query_param)
        raw_size = request.query_params.get(self.page_size_query_param)
        if raw_size is not None:
            size = self._positive(raw_size, self.page_size_query_param)
            if size > self.max_page_size:
                raise ValidationError(
                    {self.page_size_query_param: [f"At most {self.max_page_size} items per page."]}
                )
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as exc:
            raise ValidationError({self.page_query_param: [str(exc.detail)]}) from None

    @staticmethod
    def _positive(raw, name):
        try:
            value = int(raw)
        except ValueError:
            value = 0
        if value < 1:
            raise ValidationError(
                {name: [f"“{name}” must be a whole number of 1 or more; “{raw}” is not."]}
            )
        return value
