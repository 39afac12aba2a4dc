namespace ServerlessInstruct.LlmSimulator.Content;

/// <summary>
/// The words the simulator writes with, per language. Frames are templates whose slots ({Verb}, {verb}, {object},
/// {topic}, {topicNoun}, {audience}, {source}, {count}, {label1}, {label2}, {subject}, {predicate}, {complement},
/// {blacklisted}) the <see cref="SentenceWriter"/> fills; creative verbs go with things to make (composed from an
/// adjective and a noun, or a count and a plural), analytic verbs with parts of texts to work on. Composing the
/// objects keeps two instructions from the same frame apart under ROUGE-L, so a long run keeps finding new ones.
/// Korean frames mark particles that depend on the preceding syllable as <c>[을/를]</c>, resolved when filled, and
/// count in native Korean numerals (세 문장, 다섯 가지) as people write them, so Korean text holds no ASCII at all.
/// </summary>
internal sealed record Vocabulary(
    IReadOnlyList<string> CreativeVerbs,
    IReadOnlyList<string> ObjectAdjectives,
    IReadOnlyList<string> ObjectNouns,
    IReadOnlyList<string> CountWords,
    IReadOnlyList<string> PluralNouns,
    IReadOnlyList<string> AnalyticVerbs,
    IReadOnlyList<string> TextParts,
    IReadOnlyList<string> TextKinds,
    IReadOnlyList<string> AnalyticObjectFrames,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> TopicConnectors,
    IReadOnlyList<string> Audiences,
    IReadOnlyList<string> Sources,
    IReadOnlyList<(string First, string Second)> LabelPairs,
    IReadOnlyList<string> CreativeFrames,
    IReadOnlyList<string> AnalyticFrames,
    IReadOnlyList<string> QuestionFrames,
    IReadOnlyList<string> ClassificationFrames,
    IReadOnlyList<string> Predicates,
    IReadOnlyList<string> Complements,
    IReadOnlyList<string> StatementFrames,
    IReadOnlyList<string> BlacklistedNouns,
    IReadOnlyList<string> BlacklistFrames,
    IReadOnlyList<string> ShortItems,
    string ProgramFrame,
    IReadOnlyList<string> NearCopyInsertions,
    IReadOnlyList<string> ClassificationKeywords,
    IReadOnlyList<string> Closings)
{
    public static Vocabulary English { get; } = new(
        CreativeVerbs:
        [
            "write", "compose", "draft", "create", "generate", "suggest", "list", "propose", "outline", "design",
            "brainstorm", "plan", "invent", "prepare", "put together", "come up with", "recommend", "sketch out",
        ],
        ObjectAdjectives:
        [
            "short", "funny", "formal", "friendly", "detailed", "simple", "creative", "persuasive", "clear",
            "playful", "practical", "memorable", "thoughtful", "concise", "lively", "heartfelt", "professional",
            "surprising", "gentle", "bold", "cheerful", "calm", "witty", "realistic",
        ],
        ObjectNouns:
        [
            "poem", "slogan", "email", "story opening", "haiku", "product description", "tweet", "study plan",
            "checklist", "riddle", "recipe", "limerick", "job posting", "thank-you note", "speech", "packing list",
            "workout routine", "dinner menu", "elevator pitch", "newsletter headline", "debate argument",
            "bedtime story", "mnemonic", "meeting agenda", "blog outline", "song chorus", "toast", "quiz",
            "travel guide", "cover letter", "FAQ section", "press release", "tagline", "lesson plan", "dialogue",
            "weekly schedule", "budget breakdown", "customer support reply", "day-trip itinerary", "fable",
        ],
        CountWords: ["two", "three", "four", "five", "six", "ten"],
        PluralNouns:
        [
            "tips", "questions", "names", "facts", "ideas", "slogans", "headlines", "excuses", "activities",
            "gift ideas", "interview questions", "trivia questions", "book titles", "pros and cons", "habits",
            "warning signs", "discussion prompts", "icebreakers", "rules", "examples",
        ],
        AnalyticVerbs:
        [
            "explain", "summarize", "compare", "evaluate", "analyze", "critique", "rewrite", "simplify",
            "paraphrase", "correct", "shorten", "expand", "translate into French", "describe", "review",
            "identify", "rank", "fact-check",
        ],
        TextParts:
        [
            "main argument", "tone", "key points", "grammar", "logic", "strengths and weaknesses", "structure",
            "word choice", "conclusion", "opening line", "main claim", "assumptions", "style", "clarity",
        ],
        TextKinds:
        [
            "paragraph", "email", "product review", "news article", "speech", "poem", "essay", "cover letter",
            "dialogue", "story", "complaint", "advertisement", "recipe", "set of instructions", "headline",
            "text message", "blog post", "policy", "announcement", "argument",
        ],
        AnalyticObjectFrames:
        [
            "the {part} of the following {kind}", "the {part} of the {kind} below", "the given {kind}",
            "the following {kind}", "the {kind} below", "the {part} of this {kind}",
        ],
        Topics:
        [
            "climate change", "remote work", "healthy eating", "personal finance", "a small bakery",
            "learning a new language", "urban gardening", "electric cars", "time management", "public speaking",
            "online privacy", "space exploration", "renewable energy", "a rainy weekend", "job interviews",
            "friendship", "the history of tea", "recycling at home", "first-time home buyers", "sleep habits",
            "team meetings", "a birthday party", "mobile games", "local elections", "volcanoes", "honeybees",
            "the ocean", "a school science fair", "saving water", "online shopping", "a road trip",
            "customer feedback", "a startup launch", "meditation", "board games", "street food", "cybersecurity",
            "ancient Rome", "the solar system", "a job promotion", "composting", "winter sports", "coffee",
            "social media habits", "a charity run", "minimalism", "artificial intelligence", "a library visit",
            "desert animals", "a hiking trip", "a cooking class", "credit cards", "a neighborhood cleanup",
            "birdwatching", "electric bikes", "a wedding toast", "stress at work", "a museum tour",
            "the stock market", "a broken laptop", "pet adoption", "a new smartphone", "vegetarian meals",
            "a lost wallet", "a science podcast", "marathon training", "the printing press", "rainforests",
            "a family reunion", "a book club", "the Olympic Games", "a job offer", "online courses",
            "a power outage", "a city park", "fast fashion", "a first day at school", "a company picnic",
            "quantum computers", "a used car", "the immune system", "a cooking disaster", "a chess tournament",
            "a moving day", "solar panels", "a volunteer program", "online meetings", "a theater play",
        ],
        TopicConnectors: ["about", "on", "for", "related to", "regarding", "covering"],
        Audiences:
        [
            "a ten-year-old", "beginners", "a busy manager", "high school students", "a new employee",
            "retired travelers", "a skeptical customer", "first-year college students", "a non-native speaker",
            "a small business owner", "a team of engineers", "parents of toddlers", "a general audience",
        ],
        Sources:
        [
            "sentence", "paragraph", "product review", "email", "news headline", "tweet", "short story",
            "customer message", "movie review", "restaurant review", "statement", "question", "dialogue",
            "social media post", "book title", "job description",
        ],
        LabelPairs:
        [
            ("positive", "negative"), ("formal", "informal"), ("true", "false"), ("spam", "not spam"),
            ("fact", "opinion"), ("relevant", "irrelevant"), ("polite", "rude"), ("question", "statement"),
            ("urgent", "not urgent"), ("sports", "politics"), ("sarcastic", "sincere"), ("agree", "disagree"),
        ],
        CreativeFrames:
        [
            "{Verb} {object} {topic}.",
            "Please {verb} {object} {topic}.",
            "{Verb} {object} {topic} for {audience}.",
            "I need you to {verb} {object} {topic}.",
            "{Verb} {object} {topic} in {count} sentences or fewer.",
            "Your task is to {verb} {object} {topic}.",
            "Can you {verb} {object} {topic}?",
            "{Verb} {object} {topic} that {audience} would enjoy.",
            "Using plain language, {verb} {object} {topic}.",
            "{Verb} {object} {topic}, and keep it under {count}0 words.",
            "Help me {verb} {object} {topic}.",
            "For {audience}, {verb} {object} {topic}.",
        ],
        AnalyticFrames:
        [
            "{Verb} {object}.",
            "{Verb} {object} for {audience}.",
            "Read {object} and {verb} it in {count} sentences.",
            "Please {verb} {object}, focusing on {topicNoun}.",
            "{Verb} {object} so that {audience} can follow it.",
            "Carefully {verb} {object}.",
            "{Verb} {object} and point out anything unclear.",
        ],
        QuestionFrames:
        [
            "What are the main benefits of {topicNoun} for {audience}?",
            "Why does {topicNoun} matter to {audience}?",
            "How can {audience} get started with {topicNoun}?",
            "What are {count} common mistakes people make with {topicNoun}?",
            "Which questions should {audience} ask before dealing with {topicNoun}?",
            "What would change if nobody cared about {topicNoun}?",
            "How do experts usually think about {topicNoun}?",
            "Give {count} reasons why {topicNoun} is worth learning about.",
            "Tell me something surprising about {topicNoun}.",
            "Explain {topicNoun} to {audience} in simple terms.",
        ],
        ClassificationFrames:
        [
            "Classify the following {source} as {label1} or {label2}.",
            "Decide whether the given {source} is {label1} or {label2}.",
            "Is the following {source} {label1} or {label2}? Answer with one word.",
            "Label each {source} below as either {label1} or {label2}.",
            "Tell me if this {source} about {topicNoun} is {label1} or {label2}.",
            "Determine whether the {source} is {label1}; answer {label1} or {label2}.",
        ],
        Predicates:
        [
            "can depend on", "can be improved through", "may be closely tied to", "will often benefit from",
            "might be harder without", "can be easier to understand with", "should get careful attention to",
            "can make a real difference for", "may be shaped mostly by", "could work best when combined with",
        ],
        Complements:
        [
            "clear communication", "a realistic budget", "steady practice", "good planning", "honest feedback",
            "a bit of patience", "regular breaks", "simple routines", "reliable information", "small daily habits",
            "support from friends", "the right tools", "a clear goal", "careful research", "enough sleep",
        ],
        StatementFrames:
        [
            "{Subject} {predicate} {complement}.",
            "For {audience}, {subject} {predicate} {complement}.",
            "In most cases, {subject} {predicate} {complement}.",
            "{Subject} {predicate} {complement}, so start small and adjust over time.",
            "Many people find that {subject} {predicate} {complement}.",
        ],
        BlacklistedNouns:
        [
            "image", "graph", "picture", "file", "map", "video", "audio clip", "music playlist", "flowchart",
            "diagram", "images", "graphs", "pictures", "files", "maps",
        ],
        BlacklistFrames:
        [
            "{Verb} {object} {topic} and add a {blacklisted} to go with it.",
            "Draw a simple {blacklisted} that explains {topicNoun}.",
            "Plot how {topicNoun} changed over the last ten years.",
            "Look at the {blacklisted} below and {verb} what it shows about {topicNoun}.",
            "Create a {blacklisted} showing the main parts of {topicNoun}.",
            "Go to the website about {topicNoun} and {verb} its main page.",
        ],
        ShortItems:
        [
            "Summarize this.", "List synonyms.", "Translate it.", "Tell jokes.", "Fix grammar.", "Name colors.",
            "Write poems.", "Explain gravity.", "Describe autumn.", "Count words.", "Sort numbers.",
            "Define happiness.", "Rhyme words.",
        ],
        ProgramFrame: "Write a program that helps {audience} {verb} {object} {topic}.",
        NearCopyInsertions: ["briefly", "also", "carefully", "now", "again", "quickly", "clearly"],
        ClassificationKeywords:
        [
            "classify", "categorize", "category", "label", "whether", "is it", "is this", "true or false",
            "yes or no", "sentiment", "positive", "negative", "spam", "decide if", "determine if", "detect",
            "which of", "identify if", "identify whether", " or ",
        ],
        Closings:
        [
            "I hope these tasks are useful.", "Let me know if you would like more examples.",
            "These cover a range of topics and difficulty levels.",
        ]);

    public static Vocabulary Korean { get; } = new(
        CreativeVerbs:
        [
            "작성하세요", "만들어 주세요", "제안하세요", "나열하세요", "구성하세요", "정리하세요", "추천해 주세요",
            "생각해 보세요", "준비하세요", "써 주세요", "고안하세요", "기획하세요",
        ],
        ObjectAdjectives:
        [
            "짧은", "재미있는", "정중한", "자세한", "간단한", "창의적인", "설득력 있는", "친근한", "실용적인",
            "기억에 남는", "따뜻한", "유쾌한", "차분한", "솔직한", "현실적인",
        ],
        ObjectNouns:
        [
            "시", "표어", "이메일", "이야기", "제품 소개글", "학습 계획", "점검 목록", "수수께끼", "요리법", "채용 공고",
            "감사 편지", "연설문", "운동 계획", "회의 안건", "여행 일정", "퀴즈", "광고 문구", "자기소개서", "보도 자료",
            "토론 질문", "동화", "대화문", "예산 계획", "안내문", "건배사",
        ],
        CountWords: ["두", "세", "네", "다섯", "열"],
        PluralNouns: ["가지 조언", "가지 아이디어", "가지 질문", "가지 이유", "가지 방법", "가지 예시", "가지 규칙", "가지 습관"],
        AnalyticVerbs:
        [
            "설명하세요", "요약하세요", "비교하세요", "평가하세요", "분석하세요", "다시 쓰세요", "쉽게 풀어 쓰세요",
            "고쳐 주세요", "짧게 줄이세요", "검토하세요", "영어로 번역하세요",
        ],
        TextParts: ["핵심 주장", "어조", "요점", "문법", "논리", "장단점", "구조", "단어 선택", "결론", "첫 문장"],
        TextKinds: ["문단", "이메일", "제품 후기", "뉴스 기사", "연설문", "시", "에세이", "자기소개서", "대화", "이야기", "광고", "안내문"],
        AnalyticObjectFrames: ["다음 {kind}의 {part}", "아래 {kind}의 {part}", "주어진 {kind}", "다음 {kind}"],
        Topics:
        [
            "기후 변화", "재택근무", "건강한 식습관", "개인 재무 관리", "동네 빵집", "외국어 공부", "도시 텃밭",
            "전기차", "시간 관리", "발표 준비", "개인정보 보호", "우주 탐사", "재생 에너지", "비 오는 주말",
            "취업 면접", "우정", "차의 역사", "분리수거", "첫 집 마련", "수면 습관", "팀 회의", "생일 파티",
            "모바일 게임", "지방 선거", "화산", "꿀벌", "바다", "과학 경진대회", "물 절약", "온라인 쇼핑",
            "자동차 여행", "고객 의견", "창업 준비", "명상", "보드게임", "길거리 음식", "사이버 보안", "조선 시대",
            "태양계", "승진", "퇴비 만들기", "겨울 스포츠", "커피", "소셜 미디어 사용", "자선 달리기",
            "인공지능", "도서관 이용", "등산", "요리 수업", "신용카드", "반려동물 입양", "새 스마트폰",
            "채식 식단", "마라톤 훈련", "김장", "한글의 역사", "가족 모임", "독서 모임", "올림픽", "온라인 강의",
            "정전", "도시 공원", "패스트 패션", "첫 등교", "양자 컴퓨터", "중고차 구입", "면역 체계", "이사",
            "태양광 패널", "봉사 활동", "온라인 회의", "연극 관람",
        ],
        TopicConnectors: ["에 대한", "에 관한"],
        Audiences:
        [
            "초등학생", "초보자", "바쁜 직장인", "고등학생", "신입 사원", "은퇴한 여행자", "외국인 유학생",
            "소상공인", "개발자", "어린 자녀를 둔 부모", "일반 독자",
        ],
        Sources: ["문장", "문단", "제품 후기", "이메일", "뉴스 제목", "트윗", "영화 후기", "식당 후기", "질문", "대화"],
        LabelPairs:
        [
            ("긍정", "부정"), ("격식체", "비격식체"), ("참", "거짓"), ("스팸", "정상"), ("사실", "의견"),
            ("관련 있음", "관련 없음"), ("공손함", "무례함"), ("긴급", "보통"), ("스포츠", "정치"),
        ],
        CreativeFrames:
        [
            "{topic} {object} {verb}.",
            "{audience}[을/를] 위해 {topic} {object} {verb}.",
            "{topic} {object} {count} 문장 이내로 {verb}.",
            "다음 조건에 맞게 {topic} {object} {verb}.",
            "쉬운 말로 {topic} {object} {verb}.",
            "{topic} {object} {verb}. 분량은 {count} 문단을 넘지 않게 하세요.",
            "{audience}[이/가] 좋아할 만한 {topic} {object} {verb}.",
        ],
        AnalyticFrames:
        [
            "{object} {verb}.",
            "{audience}[이/가] 이해할 수 있도록 {object} {verb}.",
            "{object} 읽고 {count} 문장으로 {verb}.",
            "{topicNoun} 관점에서 {object} {verb}.",
            "{object} 꼼꼼히 {verb}.",
        ],
        QuestionFrames:
        [
            "{audience}에게 {topicNoun}의 가장 큰 장점은 무엇인가요?",
            "{topicNoun}에서 가장 중요한 점은 무엇인가요?",
            "{audience}[이/가] {topicNoun}[을/를] 시작하려면 어떻게 해야 하나요?",
            "{topicNoun}[과/와] 관련해 사람들이 자주 하는 실수 {count} 가지를 알려 주세요.",
            "{topicNoun}에 대해 잘 알려지지 않은 사실을 알려 주세요.",
            "{topicNoun}[을/를] {audience}에게 쉽게 설명해 주세요.",
        ],
        ClassificationFrames:
        [
            "다음 {source}[을/를] {label1} 또는 {label2}[으로/로] 분류하세요.",
            "주어진 {source}[이/가] {label1}인지 {label2}인지 판단하세요.",
            "{topicNoun}에 관한 다음 {source}[이/가] {label1}인지 {label2}인지 한 단어로 답하세요.",
            "아래 {source}[을/를] {label1}[과/와] {label2} 중 하나로 분류하세요.",
        ],
        Predicates: ["중요합니다", "큰 도움이 됩니다", "핵심입니다", "꼭 필요합니다", "차이를 만듭니다"],
        Complements:
        [
            "명확한 의사소통이", "현실적인 예산이", "꾸준한 연습이", "충분한 계획이", "솔직한 피드백이",
            "약간의 인내심이", "규칙적인 휴식이", "믿을 만한 정보가", "작은 생활 습관이", "주변의 도움이",
            "알맞은 도구가", "분명한 목표가", "충분한 수면이",
        ],
        StatementFrames:
        [
            "{topicNoun}에서는 {complement} {predicate}.",
            "{audience}에게는 {topicNoun}[과/와] 관련해 {complement} {predicate}.",
            "대부분의 경우 {topicNoun}에는 {complement} {predicate}.",
            "{topicNoun}[을/를] 잘하려면 {complement} {predicate}. 작게 시작해서 조금씩 바꿔 보세요.",
        ],
        BlacklistedNouns: ["이미지", "그림", "그래프", "사진", "파일", "지도", "동영상", "오디오", "음악", "순서도", "다이어그램"],
        BlacklistFrames:
        [
            "{topic} {object} {verb}. 관련 {blacklisted}도 함께 첨부하세요.",
            "{topicNoun}[을/를] 설명하는 {blacklisted} 하나를 만들어 주세요.",
            "아래 {blacklisted}[을/를] 보고 {topicNoun}에 대해 설명하세요.",
        ],
        ShortItems: ["요약하세요.", "번역하세요.", "시를 쓰세요.", "농담을 해 주세요.", "문법을 고치세요.", "색깔을 나열하세요."],
        ProgramFrame: "{topic} {object} 만드는 프로그램을 작성하세요.",
        NearCopyInsertions: ["간단히", "자세히", "다시", "꼼꼼히", "빠르게"],
        ClassificationKeywords: ["분류", "판단", "여부", "긍정", "부정", "참인지", "맞는지", "인지 ", "스팸", "중 하나"],
        Closings: ["도움이 되었으면 좋겠습니다.", "더 필요하시면 말씀해 주세요."]);

    public static Vocabulary For(PromptLanguage language) =>
        language == PromptLanguage.Korean ? Korean : English;
}
