import { expect, test } from "./fixtures";

test("Kakao sign-in makes a user from the Kakao profile and finds the same user again", async ({ bob }) => {
  await bob.goto("/signin");
  await bob.getByRole("button", { name: "카카오 로그인" }).click();

  // the stand-in's Kakao login page, on its own origin
  await expect(bob).toHaveURL(/127\.0\.0\.1:\d+\/oauth\/authorize\?.*client_id=e2e-kakao-client/);
  await bob.getByRole("button", { name: /카카오민지/ }).click();

  await expect(bob).toHaveURL(/\/spaces$/);
  await expect(bob.getByTestId("me-name")).toHaveText("카카오민지");
  const avatar = bob.locator("nav img").first();
  await expect(avatar).toHaveAttribute("src", /\/img\/4012345678\.svg$/);
  await bob.getByRole("button", { name: "로그아웃" }).last().click();
  await expect(bob).toHaveURL(/\/signin/);

  // again: the same user, who still has the space made the first time
  await bob.getByRole("button", { name: "카카오 로그인" }).click();
  await bob.getByRole("button", { name: /카카오민지/ }).click();
  await expect(bob).toHaveURL(/\/spaces$/);
  const spaceName = `카카오 모임 ${Date.now()}`;
  await bob.getByLabel("스페이스 이름").fill(spaceName);
  await bob.getByRole("button", { name: "만들기" }).click();
  await expect(bob.getByTestId("space-name")).toHaveText(spaceName);
  await bob.getByRole("button", { name: "로그아웃" }).last().click();
  await bob.getByRole("button", { name: "카카오 로그인" }).click();
  await bob.getByRole("button", { name: /카카오민지/ }).click();
  await expect(bob).toHaveURL(/\/spaces$/);
  await expect(bob.getByRole("main").getByRole("link", { name: new RegExp(spaceName) })).toBeVisible();
});
