"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { changeRole, changeRoleInput, setDisabled, setDisabledInput, signOutEverywhere, signOutEverywhereInput } from "@/lib/auth/user-admin";

// defineAction authorizes every action below on the server: a session, then users.manage (admins). Each change is
// audited and ends the user's open sessions in lib/auth/user-admin.ts.

const capability = "users.manage" as const;

function revalidate() {
  revalidatePath("/users");
  revalidatePath("/audit");
}

export const changeRoleAction = defineAction({ name: "userChangeRole", capability, input: changeRoleInput }, async (input, { user, db }) => {
  const result = await changeRole(db, user, input, Date.now());
  revalidate();
  return result;
});

export const setDisabledAction = defineAction({ name: "userSetDisabled", capability, input: setDisabledInput }, async (input, { user, db }) => {
  const result = await setDisabled(db, user, input, Date.now());
  revalidate();
  return result;
});

export const signOutEverywhereAction = defineAction({ name: "userSignOutEverywhere", capability, input: signOutEverywhereInput }, async (input, { user, db }) => {
  const result = await signOutEverywhere(db, user, input, Date.now());
  revalidate();
  return result;
});
