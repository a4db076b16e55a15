import { newChat, say } from "./chats.pages";
import { expect, makeUser, signUp, spaceWith, test } from "./fixtures";
import { expectRemoteVideosPlaying, joinRoom, remoteAudioTracks, tileOf } from "./video.pages";

test("a call in a dm rings the other person; they join and both see and hear each other; hanging up records the call", async ({
  alice,
  bob,
}) => {
  const [a, b] = [makeUser("Alice"), makeUser("Bob")];
  await signUp(alice, a);
  await signUp(bob, b);
  await spaceWith(alice, [bob], "Call friends");
  await newChat(alice, [b.name]);
  await say(alice, "Can I call you?");

  await alice.getByRole("button", { name: /^(Start a call|통화 시작)$/ }).click();
  await joinRoom(alice);
  const ring = bob.getByTestId("incoming-call");
  await expect(ring).toContainText(a.name);
  await ring.getByRole("button", { name: /^(Join|참여)$/ }).click();
  await joinRoom(bob);

  await expectRemoteVideosPlaying(alice, 1);
  await expectRemoteVideosPlaying(bob, 1);
  await expect(tileOf(alice, b.name)).toBeVisible();
  await expect(tileOf(bob, a.name)).toBeVisible();
  expect(await remoteAudioTracks(alice)).toBe(1);
  expect(await remoteAudioTracks(bob)).toBe(1);

  await bob.getByRole("button", { name: /^(Leave|나가기)$/ }).click();
  await expect(tileOf(alice, b.name)).toHaveCount(0);
  await alice.getByRole("button", { name: /^(Leave|나가기)$/ }).click();
  await expect(alice.getByTestId("system-message").last()).toContainText(/call ended|통화가 끝났어요/);
});
