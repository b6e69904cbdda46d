// The page of the browser test: sign-up, the emailed link, sign-in and sign-out
// with the generated hooks; `current_user` is the page's own global context.
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import {
  MizanContext, useAuthEmailConfirm, useAuthLogin, useAuthLogout, useAuthSignup, useCurrentUser,
} from "./api/index.ts";

const KEY = /^\/verify\/(.+)$/.exec(window.location.pathname);

function App() {
  const who = useCurrentUser();
  const signup = useAuthSignup();
  const confirm = useAuthEmailConfirm();
  const login = useAuthLogin();
  const logout = useAuthLogout();
  const [password, setPassword] = useState("");
  const loaded = who.data !== undefined;
  useEffect(() => {
    // Once the page shows who it is for, as a page that has rendered would.
    if (KEY !== null && loaded) void confirm.mutate({ key: decodeURIComponent(KEY[1] ?? "") });
  }, [loaded]);
  const errors = login.error?.details as { non_field_errors?: string[] } | undefined;
  return (
    <main>
      <p id="who">{who.data === undefined ? "loading" : (who.data.username ?? "nobody")}</p>
      <p id="pending">{(signup.data?.pending ?? []).join(",")}</p>
      <p id="confirmed">{confirm.data?.user?.email_verified ? "verified" : ""}</p>
      <p id="login-error">{(errors?.non_field_errors ?? []).join(" ")}</p>
      <button id="signup" onClick={() => void signup.mutate({
        email: "zoe@example.com", username: "zoe", password1: "a-long-pass-99",
        password2: "a-long-pass-99",
      }).catch(() => undefined)}>Sign up</button>
      <input id="password" value={password} onChange={(e) => setPassword(e.target.value)} />
      <button id="login" onClick={() => void login.mutate({ login: "zoe", password })
        .catch(() => undefined)}>Log in</button>
      <button id="logout" onClick={() => void logout.mutate()}>Log out</button>
    </main>
  );
}

createRoot(document.getElementById("root")!).render(
  <MizanContext baseUrl="/api/mizan"><App /></MizanContext>,
);
