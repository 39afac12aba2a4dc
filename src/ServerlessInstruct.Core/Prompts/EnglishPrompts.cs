using ServerlessInstruct.Core.Seeds;

namespace ServerlessInstruct.Core.Prompts;

/// <summary>The English prompts: the structure and constants of Self-Instruct, in our own words and examples.</summary>
internal static class EnglishPrompts
{
    public static PromptSet Set { get; } = new()
    {
        Language = "en",

        InstructionSystem =
            "You help build a dataset of instructions for training an AI assistant. You continue numbered lists of tasks "
            + "with new tasks that are self-contained, varied and written on a single line each.",
        InstructionHeader =
            "Below is a numbered list of varied tasks someone might ask an AI assistant to do. Continue the list with new tasks "
            + "that differ from those above in topic, wording and the kind of answer they expect. Write one task per line, "
            + "keep the numbering going, and add nothing else.",
        InstructionJsonRequest =
            "Answer with JSON of the form {\"instructions\": [\"...\"]} holding up to {count} new tasks that continue the list, "
            + "one task per string, without their numbers.",

        ClassificationSystem = "You decide whether a task is a classification task. Answer with Yes or No only.",
        ClassificationHeader =
            "For each task, say whether it is a classification task: one whose answer is picked from a small, fixed set of "
            + "labels (yes or no, a category, one of the given options) rather than written freely.",
        ClassificationJsonRequest =
            "Answer with JSON of the form {\"is_classification\": true} or {\"is_classification\": false} for the last task.",
        // 51 examples rather than 31: with 31 the prompt's static prefix (system message, header, examples) is about
        // 655 o200k tokens, under the 1,024 a prompt needs before Azure OpenAI caches it. 20 more make it about 1,046, so
        // a call reads 1,024 of its ~1,056 tokens from the cache at the cached price (half on gpt-4o-mini, a quarter or
        // less on gpt-4.1 and gpt-5): about a fifth less input cost on gpt-4o-mini for 60% more tokens when the cache
        // misses. No more than that: the cache counts in 128-token steps, so tokens past 1,024 would be paid in full.
        ClassificationExamples =
        [
            new("Decide whether the following movie review is positive or negative.", true),
            new("Write a short poem about the first snow of winter.", false),
            new("Suggest five names for a neighborhood bakery.", false),
            new("Is the given sentence grammatically correct? Answer yes or no.", true),
            new("Explain how a refrigerator keeps food cold.", false),
            new("Summarize the article in two sentences.", false),
            new("Identify which of the three options is a mammal.", true),
            new("Translate the paragraph into Spanish.", false),
            new("Tell me whether the number in the input is prime.", true),
            new("Rewrite the sentence so that it sounds more formal.", false),
            new("Give me a recipe for a vegetarian lasagna.", false),
            new("Label the email as spam or not spam.", true),
            new("What are the pros and cons of working from home?", false),
            new("Plan a three-day itinerary for a trip to Kyoto.", false),
            new("Sort each animal in the list into herbivore, carnivore or omnivore.", true),
            new("Convert the temperature from Fahrenheit to Celsius.", false),
            new("Find all the verbs in the given sentence.", false),
            new("Given a news headline, say which section of a newspaper it belongs in: sports, politics, business or science.", true),
            new("Write an apology email to a customer whose order arrived late.", false),
            new("How many days are there between March 3 and April 17?", false),
            new("Does the second sentence contradict the first one?", true),
            new("Come up with a riddle whose answer is \"shadow\".", false),
            new("Sort the list of numbers from smallest to largest.", false),
            new("Which language is this text written in: English, Spanish or German?", true),
            new("Describe the taste of a mango to someone who has never eaten one.", false),
            new("Determine whether the claim below is true or false.", true),
            new("Generate three interview questions for a junior accountant.", false),
            new("Rate the urgency of this support ticket as low, medium or high.", true),
            new("Fix the bugs in the following Python function.", false),
            new("Given a pair of words, decide whether they are synonyms.", true),
            new("Give an example of a metaphor and explain what it means.", false),
            new("Tell me whether the following sentence is written in the passive voice.", true),
            new("Draft a short speech for a friend's retirement party.", false),
            new("List the ingredients needed to make pancakes.", false),
            new("Classify the customer's message as a complaint, a question or a compliment.", true),
            new("Explain the difference between weather and climate.", false),
            new("Is this password strong enough? Answer strong or weak.", true),
            new("Write a haiku about a quiet train station.", false),
            new("Suggest a title for a blog post about saving money on groceries.", false),
            new("Which planet in the list is closest to the sun?", true),
            new("Calculate the area of a circle with the given radius.", false),
            new("Decide whether the two questions ask the same thing.", true),
            new("Describe what happens during a solar eclipse.", false),
            new("Turn the bullet points into a friendly paragraph.", false),
            new("Say whether the word in the input is a noun, a verb or an adjective.", true),
            new("Give three reasons to learn a second language.", false),
            new("Create a workout plan for a beginner who has twenty minutes a day.", false),
            new("Is the following statement about history accurate? Answer true or false.", true),
            new("Write a dialogue between a waiter and a customer who cannot decide what to order.", false),
            new("Extract the dates mentioned in the text.", false),
            new("Tag the restaurant review with its main topic: food, service, price or atmosphere.", true),
        ],

        InstanceSystem = "You write correct, realistic examples for the tasks of a dataset used to train an AI assistant.",
        InputFirstHeader =
            "Write examples for each task. An example is an input for the task followed by the correct output for that input. "
            + "Give up to 5 varied examples when the task allows it. When a task needs no input, write only the output.",
        InputFirstJsonRequest =
            "Answer with JSON of the form {\"instances\": [{\"input\": \"...\", \"output\": \"...\"}]} holding up to 5 examples "
            + "for the last task; use an empty input when the task needs none.",
        InputFirstDemonstrations =
        [
            new("Convert the temperature from Celsius to Fahrenheit.",
            [
                new("25°C", "77°F"),
                new("-10°C", "14°F"),
                new("100°C", "212°F"),
            ]),
            new("Give three tips for falling asleep faster.",
            [
                new("", "1. Keep the bedroom cool, dark and quiet.\n2. Put screens away an hour before bed.\n3. Go to bed and get up at the same time every day."),
            ]),
            new("Find the grammatical error in the sentence and correct it.",
            [
                new("She don't like coffee.", "\"Don't\" does not agree with \"she\". Corrected: She doesn't like coffee."),
                new("Me and him went to the market.", "The subject needs the subject pronouns \"he\" and \"I\". Corrected: He and I went to the market."),
            ]),
            new("What is the capital of the given country?",
            [
                new("Kenya", "Nairobi"),
                new("Peru", "Lima"),
                new("Norway", "Oslo"),
            ]),
            new("Write a SQL query for the request.",
            [
                new("List every customer from Canada in the customers table.", "SELECT * FROM customers WHERE country = 'Canada';"),
                new("Count the orders placed in 2023 in the orders table.", "SELECT COUNT(*) FROM orders WHERE order_date >= '2023-01-01' AND order_date < '2024-01-01';"),
            ]),
            new("Describe a sunset over the sea in one sentence.",
            [
                new("", "The sun sank into the sea like a coin into a well, leaving the water glowing copper and rose."),
            ]),
        ],

        OutputFirstHeader =
            "For each classification task, first name one of its possible class labels, then write an input that belongs to "
            + "that label. Cover the different labels across up to 5 examples.",
        OutputFirstJsonRequest =
            "Answer with JSON of the form {\"instances\": [{\"class_label\": \"...\", \"input\": \"...\"}]} holding up to 5 "
            + "examples for the last task.",
        OutputFirstDemonstrations =
        [
            new("Decide whether the product review is positive or negative.",
            [
                new("The blender is quiet and crushes ice in seconds. Worth every penny.", "Positive"),
                new("It stopped working after two days and support never replied.", "Negative"),
            ]),
            new("Is the statement a fact or an opinion?",
            [
                new("Water boils at 100 degrees Celsius at sea level.", "Fact"),
                new("Summer is the best season of the year.", "Opinion"),
            ]),
            new("Classify the sentence as a question, a command or a statement.",
            [
                new("Where did you park the car?", "Question"),
                new("Close the window, please.", "Command"),
                new("The train leaves at noon.", "Statement"),
            ]),
            new("Which of the given animals can fly?",
            [
                new("Options: dog, eagle, goldfish", "Eagle"),
                new("Options: bat, cat, turtle", "Bat"),
            ]),
            new("Does the email need a reply?",
            [
                new("Hi Sam, can you confirm whether you will attend the meeting on Friday?", "Yes"),
                new("This is an automated notice: your password was changed successfully.", "No"),
            ]),
        ],

        AlpacaSystem =
            "You write varied, realistic tasks for training an AI assistant, each with a correct answer.",
        AlpacaHeader =
            "Continue the items below with {count} new tasks for an AI assistant. What makes a good list:\n"
            + "- Every task is different: vary the verb, the topic and the kind of work (open questions, writing, rewriting, "
            + "classification, reasoning, math, code, advice, brainstorming and more), and never repeat a wording.\n"
            + "- An instruction is one or two sentences, a command or a question, in English.\n"
            + "- A text-only assistant must be able to do it: nothing that needs seeing or making images, sound, video or files, "
            + "and nothing that needs acting in the world, such as setting a reminder.\n"
            + "- Some tasks need an input: concrete, realistic content the instruction works on (a sentence, a short text, a list, "
            + "some data), at most 100 words, not a restatement of the instruction. The others get \"Input: <noinput>\".\n"
            + "- The output is a correct, complete answer to the instruction and its input, at most 100 words.\n"
            + "Write every task the way the items are written: its Item line, then its Instruction, Input and Output lines.",
        AlpacaJsonRequest =
            "Answer with JSON of the form {\"tasks\": [{\"instruction\": \"...\", \"input\": \"...\", \"output\": \"...\"}]} "
            + "holding {count} new tasks; use an empty input for a task that needs none.",

        TranslationSystem =
            "You translate instruction-tuning data into English faithfully and naturally. You translate; you never answer.",
        TranslationHeader =
            "Translate the instruction and the input of every item below into natural English. Keep the meaning and the tone, "
            + "keep names, numbers, code and formatting as they are, and do not answer or shorten anything. Reply with every "
            + "item under its own Item line and number, each with an Instruction line and an Input line (\"Input: <noinput>\" "
            + "when the item has none).",
        TranslationJsonRequest =
            "Answer with JSON of the form {\"items\": [{\"id\": 1, \"instruction\": \"...\", \"input\": \"...\"}]} with one entry "
            + "per item, its id being the item's number; use an empty input when the item has none.",

        AnswerSystem = "You are a knowledgeable, careful assistant. You answer every instruction you are given in English.",
        AnswerHeader =
            "Answer each instruction below, working on its input when it has one. An answer is correct, complete and helpful "
            + "on its own, as long as the task needs and no longer. Reply with every item under its own Item line and number, "
            + "each with an Output line holding the answer (it may go on over several lines).",
        AnswerJsonRequest =
            "Answer with JSON of the form {\"items\": [{\"id\": 1, \"output\": \"...\"}]} with one entry per item, its id "
            + "being the item's number.",

        QaRewriteSystem =
            "You turn questions and answers from online communities into clean instruction data in English.",
        QaRewriteHeader =
            "Each item is a question someone asked online, sometimes with details, and the answer the community accepted. "
            + "Turn each into an instruction and a response. The instruction must stand on its own without the original post: "
            + "fold in the details it needs, and drop greetings, thanks and chatter. The response must answer it fully, clearly "
            + "and politely, using the facts of the accepted answer and adding no claim the answer does not support. "
            + "Reply with every item under its own Item line and number, each with an Instruction line and an Output line.",
        QaRewriteJsonRequest =
            "Answer with JSON of the form {\"items\": [{\"id\": 1, \"instruction\": \"...\", \"output\": \"...\"}]} with one "
            + "entry per item, its id being the item's number.",

        MrcAnswerSystem = "You answer reading-comprehension questions in English, using only the passage you are given.",
        MrcAnswerHeader =
            "Each item below asks a question about one of the numbered passages and gives the span of that passage that "
            + "answers it. Answer each question in one complete, natural sentence, as a helpful person who has just read the "
            + "passage would. The sentence must contain the span's words exactly as they are written and must add nothing "
            + "the passage does not say. Reply with every item under its own Item line and number, each with an Output line "
            + "holding the sentence.",
        MrcAnswerJsonRequest =
            "Answer with JSON of the form {\"items\": [{\"id\": 1, \"output\": \"...\"}]} with one entry per item, its id "
            + "being the item's number.",
        JudgeSystem =
            "You review instruction data written to train an AI assistant. You rate every record strictly and consistently "
            + "against one rubric, and you never rewrite a record.",
        JudgeHeader =
            "Each item is a record: an instruction, its input (<noinput> when it takes none) and the output written for it. "
            + "Rate each output from 1 to 5 on four points taken together: it follows the instruction, it is correct, it is "
            + "complete, and it is well-formed and clear. 5: all four hold fully. 4: a minor flaw. 3: a real gap in one point. "
            + "2: gaps in several. 1: the output does not address the instruction. Give a one-line reason in English. Reply "
            + "with every item under its own Item line and number, each with a Score line and a Reason line.",
        JudgeSafetyRequest =
            "Also give each item a Safety line: toxic-language when the output insults, threatens or uses hateful words; "
            + "stereotype when it generalises about a group of people; unsafe-advice when following it could hurt someone; "
            + "none otherwise.",
        JudgeGroundingRequest =
            "Items with a Source line were written from that source. Also give each item a Grounded line: yes when everything "
            + "its output states is supported by the source, no when it adds any claim the source does not support, n/a for "
            + "an item without a source.",
        JudgeJsonRequest =
            "Answer with JSON of the form {\"items\": [{\"id\": 1, \"score\": 5, \"reason\": \"...\"}]} with one entry per "
            + "item, its id being the item's number, and the other fields asked for.",
    };
}
