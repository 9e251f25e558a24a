import { data } from "react-router";

export async function loader() {
  throw data({ code: "not_found" }, { status: 404 });
}

export async function action() {
  throw data({ code: "not_found" }, { status: 404 });
}

export default function NotFound() {
  return null;
}
