"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useActionState } from "react";

/**
 * useActionState with this page's address as the permalink. React renders a form bound to a server
 * action with an empty `action=""`, which HTML forbids; the permalink becomes its action instead.
 * Same behaviour: without JavaScript the form still posts to this page, which runs the action.
 */
export function useFormActionState<State, Payload>(action: (state: Awaited<State>, payload: Payload) => State | Promise<State>, initialState: Awaited<State>) {
  const query = useSearchParams().toString();
  return useActionState(action, initialState, `${usePathname()}${query ? `?${query}` : ""}`);
}
