// Calling server actions over plain HTTP, as the browser does.
//
// Fetch (JavaScript) calls: POST to a page that uses the action, header `Next-Action: <id>`, body
// made by React's encodeReply: multipart where field "0" is the JSON array of arguments and a
// FormData argument becomes "$K<n>" with its fields sent as "_<n>_<name>" (React 19.2+).
//
// Form posts without JavaScript (progressive enhancement of a useActionState form): no header,
// the form's fields plus React's hidden fields `$ACTION_REF_1`, `$ACTION_1:0` = {id, bound: "$@1"}
// and `$ACTION_1:1` = the bound arguments (the initial state). A redirect() then answers 303.
import fs from "node:fs";
import path from "node:path";
import { multipart } from "./load";

interface ManifestEntry {
  filename?: string;
  exportedName?: string;
  workers: Record<string, unknown>;
}

/** The id of the server action `exportedName` defined in `filename`, from the build's manifest. */
export function actionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, ManifestEntry>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === filename && entry.exportedName === exportedName);
  if (!found) throw new Error(`Server action ${exportedName} (${filename}) not found in .next/server/server-reference-manifest.json`);
  return found[0];
}

export function fetchActionBody(args: unknown[], form: Record<string, string>) {
  // The FormData argument is the last one, serialised as a reference to part 1. The root ("0")
  // comes last, as React sends it: Next decodes the body as it streams in, and a root read before
  // the "_1_…" fields would resolve to an empty FormData.
  const root = JSON.stringify([...args, "$K1"]);
  return multipart([...Object.entries(form).map(([name, value]): [string, string] => [`_1_${name}`, value]), ["0", root]]);
}

export function formPostBody(id: string, initialState: unknown, form: Record<string, string>) {
  return multipart([
    ["$ACTION_REF_1", ""],
    ["$ACTION_1:0", JSON.stringify({ id, bound: "$@1" })],
    ["$ACTION_1:1", JSON.stringify([initialState])],
    ...Object.entries(form),
  ]);
}
