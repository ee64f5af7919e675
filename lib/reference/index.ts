export * from "./naf";
export * from "./size-band";
export * from "./siret";
export * from "./uai";
