import type { SurveyDefinitionInput } from "../../app/surveys/definition";

type QuestionInput = SurveyDefinitionInput["questions"][number];

const agree = (key: string, text: string, theme: string, extra: Partial<QuestionInput> = {}): QuestionInput => ({
  key,
  kind: "agreement_scale",
  theme,
  text: { en: { text, hint: "Say how much you agree." } },
  ...extra,
});

type OptionInput = NonNullable<QuestionInput["options"]>[number];
const options = (pairs: [string, string][]): OptionInput[] => pairs.map(([value, label]) => ({ value, label: { en: label } }));

/** Written from the seed reports: EHC timeliness, communication, the Local Offer, being heard. */
export const parentSurvey: SurveyDefinitionInput = {
  slug: "parents-and-carers",
  audience: "parent_carer",
  estimatedMinutes: 8,
  text: {
    en: {
      title: "Parents and carers: SEND services in our area",
      summary: "Tell us what is working and what is not for your child or young person with special educational needs and disabilities (SEND).",
      description:
        "We want to hear from every family, not only those we already know. Your answers help the council, the NHS, schools and the Parent Carer Forum decide what to improve first.\n\nYou can answer for a child or young person aged 0 to 25. If you care for more than one, you can answer again for each of them.",
    },
  },
  questions: [
    {
      key: "support-type",
      kind: "single_choice",
      section: "about_you",
      text: {
        en: {
          text: "Which of these best describes the support your child or young person gets?",
          hint: "An Education, Health and Care (EHC) plan is a legal document that sets out a child’s needs and the help they must get.",
        },
      },
      options: options([
        ["ehc_plan", "They have an EHC plan"],
        ["ehc_assessment", "They are having an EHC needs assessment"],
        ["sen_support", "They get SEN support at school or college, without an EHC plan"],
        ["no_extra_help", "They do not get any extra help"],
        ["not_sure", "I’m not sure"],
      ]),
    },
    agree("assessment-on-time", "The EHC needs assessment was finished within 20 weeks.", "ehc-assessment-timeliness", {
      showIf: { question: "support-type", value: "ehc_plan" },
      text: { en: { text: "The EHC needs assessment was finished within 20 weeks.", hint: "The law says it should take no more than 20 weeks from asking for an assessment to getting the final plan." } },
    }),
    agree("plan-quality", "My child’s EHC plan describes their needs and the help they get accurately.", "ehc-plan-quality", {
      showIf: { question: "support-type", value: "ehc_plan" },
    }),
    {
      key: "annual-review",
      kind: "yes_no",
      theme: "ehc-plan-quality",
      showIf: { question: "support-type", value: "ehc_plan" },
      text: { en: { text: "Has your child’s EHC plan been reviewed in the last 12 months?", hint: "This is called the annual review." } },
    },
    agree("contact-reply", "When I contact the SEND team, I get a reply and I know who is dealing with my child’s case.", "communication", {
      required: true,
    }),
    {
      key: "local-offer",
      kind: "single_choice",
      theme: "local-offer-information",
      text: {
        en: {
          text: "How easy is it to find information about SEND services on the Local Offer website?",
          hint: "The Local Offer is the council’s website about services for children and young people with SEND.",
        },
      },
      options: options([
        ["very_easy", "Very easy"],
        ["easy", "Easy"],
        ["hard", "Hard"],
        ["very_hard", "Very hard"],
        ["not_used", "I have not used the Local Offer"],
      ]),
    },
    agree("setting-support", "My child’s school, nursery or college understands their needs and gives them the right support.", "sen-support-mainstream", {
      required: true,
    }),
    {
      key: "health-waits",
      kind: "multiple_choice",
      theme: "health-therapies",
      text: { en: { text: "Which of these has your child waited too long for in the last year?", hint: "Select all that apply." } },
      options: options([
        ["speech_language", "Speech and language therapy"],
        ["occupational_therapy", "Occupational therapy"],
        ["physiotherapy", "Physiotherapy"],
        ["camhs", "Child and adolescent mental health services (CAMHS)"],
        ["autism_adhd", "An autism or ADHD assessment"],
      ]).concat([{ value: "none", label: { en: "None of these" }, exclusive: true }]),
    },
    {
      key: "preparing-for-adulthood",
      kind: "single_choice",
      theme: "preparation-for-adulthood",
      text: {
        en: {
          text: "Has anyone talked with you and your child about preparing for adulthood?",
          hint: "For example about work, college, where they will live, friendships and health. This usually starts at 14.",
        },
      },
      options: options([
        ["yes", "Yes"],
        ["no", "No"],
        ["too_young", "Not yet, my child is under 14"],
      ]),
    },
    agree("views-listened-to", "I feel my views are listened to when decisions are made about my child’s support.", "listened-coproduction", {
      required: true,
    }),
    {
      key: "know-what-changed",
      kind: "yes_no",
      theme: "listened-coproduction",
      text: { en: { text: "Do you know of anything that has changed because of what parents and carers have said?" } },
    },
    {
      key: "working-well",
      kind: "free_text",
      maxLength: 1200,
      text: { en: { text: "What is working well for your child and family?", hint: "Please do not include names or anything that could identify you or your child." } },
    },
    {
      key: "one-change",
      kind: "free_text",
      maxLength: 1200,
      text: { en: { text: "What one thing would make the biggest difference to your child and family?", hint: "Please do not include names or anything that could identify you or your child." } },
    },
    {
      key: "age-group",
      kind: "single_choice",
      section: "about_you",
      text: { en: { text: "How old is your child or young person?" } },
      options: options([
        ["0_4", "0 to 4"],
        ["5_10", "5 to 10"],
        ["11_15", "11 to 15"],
        ["16_18", "16 to 18"],
        ["19_25", "19 to 25"],
      ]),
    },
    {
      key: "setting",
      kind: "single_choice",
      section: "about_you",
      text: { en: { text: "Where does your child or young person learn?" } },
      options: options([
        ["early_years", "Nursery, pre-school or childminder"],
        ["mainstream", "Mainstream school"],
        ["resource_base", "Resource base or unit in a mainstream school"],
        ["special_school", "Special school"],
        ["college", "College or sixth form"],
        ["alternative_provision", "Alternative provision or pupil referral unit"],
        ["home_educated", "Educated at home"],
        ["not_in_education", "Not in education, training or work"],
        ["other", "Somewhere else"],
      ]),
    },
    {
      key: "ethnicity",
      kind: "single_choice",
      section: "about_you",
      text: { en: { text: "What is your child’s ethnic group?" } },
      options: options([
        ["asian", "Asian or Asian British"],
        ["black", "Black, Black British, Caribbean or African"],
        ["mixed", "Mixed or multiple ethnic groups"],
        ["white", "White"],
        ["other", "Another ethnic group"],
      ]),
    },
    {
      key: "home-language",
      kind: "single_choice",
      section: "about_you",
      text: { en: { text: "What is the main language spoken at home?" } },
      options: options([
        ["english", "English"],
        ["polish", "Polish"],
        ["romanian", "Romanian"],
        ["panjabi", "Panjabi"],
        ["urdu", "Urdu"],
        ["portuguese", "Portuguese"],
        ["spanish", "Spanish"],
        ["arabic", "Arabic"],
        ["bengali", "Bengali"],
        ["gujarati", "Gujarati"],
        ["italian", "Italian"],
        ["other", "Another language"],
      ]),
    },
  ],
};

const face = (key: string, text: string, theme: string, hint = "Pick the face that matches how you feel.") => ({
  key,
  kind: "smiley_scale" as const,
  theme,
  text: { en: { text, hint } },
});

/** Short, Easy Read wording: one idea a sentence, no jargon. */
export const youngPeopleSurvey: SurveyDefinitionInput = {
  slug: "young-people",
  audience: "young_person",
  estimatedMinutes: 4,
  text: {
    en: {
      title: "Young people: your views",
      summary: "Tell us what it is like for you. It is short and you do not have to give your name.",
      description:
        "This survey is for young people aged 11 to 25 who get extra help with learning, health or a disability.\n\nThere are no right or wrong answers. You can skip questions you do not want to answer.",
    },
  },
  questions: [
    { ...face("school-feel", "How do you feel about school or college?", "sen-support-mainstream"), required: true },
    face("help-at-school", "How good is the help you get at school or college?", "sen-support-mainstream"),
    { ...face("adults-listen", "How well do adults listen to you when they plan your help?", "listened-coproduction"), required: true },
    face("health-help", "How good is the help you get with your health?", "health-therapies", "For example from a nurse, doctor or therapist. Pick a face."),
    face("things-to-do", "How good are the clubs and things to do near where you live?", "inclusion-community-leisure"),
    {
      key: "future-talk",
      kind: "yes_no",
      theme: "preparation-for-adulthood",
      text: { en: { text: "Has someone talked with you about what you want to do when you are older?", hint: "This could be about work, college, where you live or your health." } },
    },
    {
      key: "best-thing",
      kind: "free_text",
      maxLength: 600,
      text: { en: { text: "What is the best thing about the help you get?", hint: "Please do not write your name." } },
    },
    {
      key: "change-one-thing",
      kind: "free_text",
      maxLength: 600,
      text: { en: { text: "What is one thing you would change?", hint: "Please do not write your name." } },
    },
    {
      key: "age-group",
      kind: "single_choice",
      section: "about_you",
      text: { en: { text: "How old are you?" } },
      options: options([
        ["11_13", "11 to 13"],
        ["14_15", "14 or 15"],
        ["16_18", "16 to 18"],
        ["19_25", "19 to 25"],
      ]),
    },
  ],
};
