import { withServerAndBrowser } from "../support/browser";
import { everyPageInTheseLanguages } from "./every-language";

everyPageInTheseLanguages(withServerAndBrowser(), 2, 3);
