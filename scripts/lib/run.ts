import { spawn, type SpawnOptions } from "node:child_process";
import path from "node:path";

export const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);

// Runs a project binary (prisma, next, tsx…) to completion, failing loudly on a non-zero exit.
export function run(name: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin(name), args, { stdio: "inherit", env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${name} ${args.join(" ")} exited with ${code}`))));
  });
}

export function start(name: string, args: string[], options: SpawnOptions) {
  return spawn(bin(name), args, { stdio: "inherit", ...options });
}
