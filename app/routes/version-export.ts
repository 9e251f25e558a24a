import { data } from "react-router";
import type { Route } from "./+types/version-export";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { councilPackage, fileStem } from "#server/export/council.ts";
import { councilDocx } from "#server/export/docx.ts";
import { councilOdt, ODT_MIME } from "#server/export/odt.ts";
import { councilPdf } from "#server/export/pdf.ts";
import { dispositionXlsx } from "#server/export/xlsx.ts";
import { servicesOf } from "#server/context.ts";

const FORMATS = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  odt: ODT_MIME,
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;
type Format = keyof typeof FORMATS;

/** The council package of a version (DOCX, ODT, PDF) or its Abwägungstabelle (XLSX); moderators only. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const search = new URL(request.url).searchParams;
  const format = search.get("format") ?? "docx";
  if (!(format in FORMATS)) throw data({ code: "bad_request" }, { status: 400 });
  const pkg = await guard(
    councilPackage(servicesOf(context), user, {
      consultationId: params.consultationId,
      versionId: params.versionId,
      anonymous: search.get("anonymous") === "1",
    }),
  );
  const f = format as Format;
  const bytes =
    f === "docx"
      ? await councilDocx(pkg)
      : f === "odt"
        ? councilOdt(pkg)
        : f === "pdf"
          ? await councilPdf(pkg)
          : dispositionXlsx(pkg);
  const name = `${fileStem(pkg, f === "xlsx" ? "Abwaegungstabelle" : "Ratsvorlage")}.${f}`;
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": FORMATS[f],
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
