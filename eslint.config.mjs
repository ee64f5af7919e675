import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "bench/**"] },
  {
    // Layers: app/ holds routes only; the rules (lib/) and shared UI (components/) never reach into it.
    files: ["lib/**", "components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(@/app(/|$)|(\\.\\.?/)+app(/|$))",
              message: "lib/ and components/ must not import from app/: move what is shared into lib/ or components/.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
