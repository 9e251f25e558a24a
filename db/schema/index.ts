export * from "./enums.ts";
export * from "./users.ts";
export * from "./organisations.ts";
export * from "./consultations.ts";
export * from "./audit.ts";
export * from "./collab.ts";
export * from "./measures.ts";
