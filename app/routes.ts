import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.tsx"),
  route("lang", "routes/lang.tsx"),
  route("c/:consultationId", "routes/consultation.tsx"),
  route("c/:consultationId/members", "routes/members.tsx"),
  route("c/:consultationId/s/:sectionId", "routes/section.tsx"),
  route("c/:consultationId/audit", "routes/audit.tsx"),
  route("admin/users", "routes/admin.users.tsx"),
  route("admin/organisations", "routes/admin.organisations.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
