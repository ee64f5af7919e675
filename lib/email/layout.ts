// The shared HTML shell of our e-mails and the escaping every template relies on. Templates build
// HTML with the `html` tag: interpolated values are escaped unless they are already SafeHtml, so user
// data (names, free text) cannot inject markup.

export class SafeHtml {
  constructor(readonly value: string) {}
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

function renderValue(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(renderValue).join("");
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, chunk, i) => out + chunk + (i < values.length ? renderValue(values[i]) : ""), ""));
}

// Inline styles only: many mail clients drop <style> blocks.
export function emailLayout(options: { lang: string; title: string; body: SafeHtml; footer: string }): string {
  const { lang, title, body, footer } = options;
  return html`<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body style="margin:0;padding:0;background:#f4f4f5;color:#18181b;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">
<div style="max-width:600px;margin:0 auto;padding:24px;background:#ffffff">
<h1 style="font-size:22px;margin:0 0 16px">${title}</h1>
${body}
<p style="margin-top:32px;font-size:13px;color:#52525b">${footer}</p>
</div>
</body>
</html>`.value;
}
