import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "./index.css";
import App from "./App.tsx";
import { MizanContext } from "./api";

// The Django template (shop/templates/shop/index.html) renders #root and the
// #mizan-hydration script; MizanContext reads the latter by itself.
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <MizanContext baseUrl="/api/mizan">
      <App />
    </MizanContext>
  </StrictMode>,
);
