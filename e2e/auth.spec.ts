import { alertIn, createSpace, expect, makeUser, signIn, signUp, signUpThroughForm, test, UI_ONLY } from "./fixtures";

test("a new user signs up with email, signs out and signs back in", async ({ alice }) => {
  const user = makeUser("Alice");
  await signUpThroughForm(alice, user);
  await expect(alice.getByRole("heading", { name: "Your spaces" })).toBeVisible();

  await alice.getByRole("button", { name: "Sign out" }).last().click();
  await expect(alice).toHaveURL(/\/signin/);

  await signIn(alice, user);
  await expect(alice).toHaveURL(/\/spaces$/);
  await createSpace(alice, "Alice's room");
});

test("sign-up and sign-in say clearly what is wrong", async ({ alice }) => {
  const user = makeUser("Alice");
  await signUp(alice, user);
  await alice.getByRole("button", { name: "Sign out" }).last().click();
  await expect(alice).toHaveURL(/\/signin/);

  // the same email again
  await alice.goto("/signup");
  await alice.getByLabel("Display name").fill("Another");
  await alice.getByLabel("Email").fill(user.email);
  await alice.getByLabel("Password").fill("another-pass-1");
  await alice.getByRole("button", { name: "Sign up" }).click();
  await expect(alertIn(alice)).toHaveText("That email is already registered.");

  // a weak password
  await alice.getByLabel("Email").fill(makeUser("Weak").email);
  await alice.getByLabel("Password").fill("short");
  await alice.getByRole("button", { name: "Sign up" }).click();
  await expect(alertIn(alice)).toContainText("too weak");

  // wrong credentials
  await signIn(alice, { email: user.email, password: "not-the-password-1" });
  await expect(alertIn(alice)).toHaveText("Wrong email or password.");
  await expect(alice).toHaveURL(/\/signin/);
});

test("the first screen speaks the browser's language and can be switched", UI_ONLY, async ({ alice, bob }) => {
  await bob.goto("/signin");
  await expect(bob.getByRole("heading", { name: "다시 오신 걸 환영해요" })).toBeVisible();
  await expect(bob.locator("html")).toHaveAttribute("lang", "ko");

  await alice.goto("/signin");
  await expect(alice.getByRole("heading", { name: "Welcome back" })).toBeVisible();
  await alice.getByLabel("Language").selectOption("ko");
  await expect(alice.getByRole("heading", { name: "다시 오신 걸 환영해요" })).toBeVisible();
  await alice.reload();
  await expect(alice.locator("html")).toHaveAttribute("lang", "ko");
});
