from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from memorial.web.views import PublishedMixin

from . import exports


class DataIndexView(PublishedMixin, TemplateView):
    """The downloads, each table as CSV and JSON, and the data package."""

    template_name = "opendata/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tables"] = exports.table_names()
        context["license"] = exports.LICENSE
        return context


class TableView(View):
    http_method_names = ["get", "head"]
    formats = {"json": "application/json", "csv": "text/csv"}

    def get(self, request, name, fmt):
        if name not in exports.table_names() or fmt not in self.formats:
            raise Http404(_("There is no such file."))
        body = exports.as_json(name) if fmt == "json" else exports.as_csv(name)
        response = HttpResponse(body, content_type=f"{self.formats[fmt]}; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{name}.{fmt}"'
        response["Access-Control-Allow-Origin"] = "*"
        return response


class DataPackageView(View):
    http_method_names = ["get", "head"]

    def get(self, request):
        import json

        package = exports.datapackage(timezone.localdate().isoformat())
        response = HttpResponse(
            json.dumps(package, ensure_ascii=False, indent=1),
            content_type="application/json; charset=utf-8",
        )
        response["Access-Control-Allow-Origin"] = "*"
        return response
