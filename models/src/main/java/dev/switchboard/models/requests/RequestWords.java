package dev.switchboard.models.requests;

import dev.switchboard.models.sentiment.Languages;
import dev.switchboard.models.text.FeatureLanguage;
import java.util.ArrayList;
import java.util.List;

/**
 * The words {@link EscalationRequests} reads requests by, per language: triggers and what each asks
 * for, the negators, the cues that make a trigger a request, and the words that end a clause as
 * "but" does.
 *
 * <p>Outside English, words are compared with their accents folded (so "reclamación" and
 * "reclamacion" are one word, and the lists are written without accents), an apostrophe ends a word
 * ("d'un responsable", "all'operatore"), and a trigger may need a cue: "manager" words a request
 * cue before them in the clause ("parler à un responsable", not "le responsable du magasin"),
 * lawyer words a legal cue ("mon avocat", "mi abogado"). German may negate after the verb ("ich
 * kündige nicht"), so there a negator right after a trigger withdraws it.
 *
 * <p>The detector asks {@link #rolesOf} what a word of the text is: one hash of the word, folded as
 * it reads, and one probe of a small table built from the lists, instead of comparing the word with
 * every entry of six lists (about a tenth of the scoring operator's time when it did).
 */
final class RequestWords {
    /** What a trigger needs before it in its clause to count. */
    static final byte NO_CUE = 0;

    static final byte REQUEST_CUE = 1;
    static final byte LEGAL_CUE = 2;

    final String code;
    final boolean foldAccents;
    final boolean negatesAfter;
    final String[] triggers;
    final EscalationRequest[] kinds;
    final byte[] cues;
    final String[] negators;
    final String[] requestCues;
    final String[] legalCues;
    final String[] possessives;
    final String[] clauseBreaks;

    private RequestWords(
            String code,
            boolean foldAccents,
            boolean negatesAfter,
            List<Trigger> triggers,
            String[] negators,
            String[] requestCues,
            String[] legalCues,
            String[] possessives,
            String[] clauseBreaks) {
        this.code = code;
        this.foldAccents = foldAccents;
        this.negatesAfter = negatesAfter;
        this.triggers = triggers.stream().map(Trigger::word).toArray(String[]::new);
        this.kinds = triggers.stream().map(Trigger::kind).toArray(EscalationRequest[]::new);
        this.cues = new byte[triggers.size()];
        for (int k = 0; k < cues.length; k++) {
            cues[k] = triggers.get(k).cue();
        }
        this.negators = negators;
        this.requestCues = requestCues;
        this.legalCues = legalCues;
        this.possessives = possessives;
        this.clauseBreaks = clauseBreaks;
        int listed =
                this.triggers.length
                        + negators.length
                        + requestCues.length
                        + legalCues.length
                        + possessives.length
                        + clauseBreaks.length;
        // At most a quarter full: probes stay short, and a free slot always ends one.
        int size = Integer.highestOneBit(listed * 4) * 2;
        this.tableWords = new String[size];
        this.tableHashes = new int[size];
        this.tableRoles = new int[size];
        addRole(clauseBreaks, CLAUSE_BREAK);
        addRole(requestCues, REQUEST_CUE_WORD);
        addRole(legalCues, LEGAL_CUE_WORD);
        addRole(possessives, POSSESSIVE);
        addRole(negators, NEGATOR);
        for (int k = this.triggers.length - 1; k >= 0; k--) {
            // Backwards, so that a word listed twice keeps its first trigger, as a scan would.
            int slot = slotFor(this.triggers[k]);
            tableRoles[slot] =
                    tableRoles[slot] & ~(0xFFFF << TRIGGER_SHIFT) | TRIGGER | k << TRIGGER_SHIFT;
        }
    }

    /** Bits of {@link #rolesOf}: what a word is in this language's lists. */
    static final int CLAUSE_BREAK = 1;

    static final int REQUEST_CUE_WORD = 2;
    static final int LEGAL_CUE_WORD = 4;
    static final int POSSESSIVE = 8;
    static final int NEGATOR = 16;
    static final int TRIGGER = 32;
    private static final int TRIGGER_SHIFT = 16;

    /** Open addressing, linear probing: the words, their hashes and their roles, by slot. */
    private final String[] tableWords;

    private final int[] tableHashes;
    private final int[] tableRoles;

    private void addRole(String[] words, int role) {
        for (String w : words) {
            int slot = slotFor(w);
            tableRoles[slot] |= role;
        }
    }

    /** The slot of {@code word} (lower-case, folded as the lists are written), taken if new. */
    private int slotFor(String word) {
        int h = hash(word, 0, word.length(), false);
        int mask = tableWords.length - 1;
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            if (tableWords[slot] == null) {
                tableWords[slot] = word;
                tableHashes[slot] = h;
                return slot;
            }
            if (tableWords[slot].equals(word)) {
                return slot;
            }
        }
    }

    /**
     * What the word {@code text[start, end)} is, compared case-insensitively, with ’ read as ' and
     * accents folded where the lists are written without them: the bits above ({@link #TRIGGER}
     * with the trigger's index in {@link #triggerOf}), or 0 for none of the lists' words.
     */
    int rolesOf(CharSequence text, int start, int end) {
        int h = hash(text, start, end, foldAccents);
        int mask = tableWords.length - 1;
        for (int slot = h & mask; tableWords[slot] != null; slot = (slot + 1) & mask) {
            if (tableHashes[slot] == h && matches(tableWords[slot], text, start, end)) {
                return tableRoles[slot];
            }
        }
        return 0;
    }

    /** The index in {@link #triggers} of a word whose roles have {@link #TRIGGER}. */
    static int triggerOf(int roles) {
        return roles >>> TRIGGER_SHIFT;
    }

    private static int hash(CharSequence text, int start, int end, boolean foldAccents) {
        int h = 0;
        for (int k = start; k < end; k++) {
            h = 31 * h + fold(text.charAt(k), foldAccents);
        }
        // Spread the low bits the mask keeps.
        return h ^ (h >>> 16);
    }

    /** A character as the lists are written: lower case, ’ as ', accents folded where asked. */
    static char fold(char c, boolean foldAccents) {
        char folded = c == '\u2019' ? '\'' : Character.toLowerCase(c);
        return foldAccents ? FeatureLanguage.foldAccent(folded) : folded;
    }

    private boolean matches(String word, CharSequence text, int start, int end) {
        if (end - start != word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (fold(text.charAt(start + k), foldAccents) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private record Trigger(String word, EscalationRequest kind, byte cue) {}

    private static List<Trigger> triggers(EscalationRequest kind, byte cue, String words) {
        List<Trigger> list = new ArrayList<>();
        for (String w : words.split(" ")) {
            list.add(new Trigger(w, kind, cue));
        }
        return list;
    }

    private static String[] words(String words) {
        return words.split(" ");
    }

    @SafeVarargs
    private static List<Trigger> all(List<Trigger>... lists) {
        List<Trigger> all = new ArrayList<>();
        for (List<Trigger> l : lists) {
            all.addAll(l);
        }
        return all;
    }

    /** The words of {@code language} (a BCP-47 tag; null: English), or null for no support. */
    static RequestWords of(String language) {
        if (language == null || language.isEmpty()) {
            return ENGLISH;
        }
        for (RequestWords w : LANGUAGES) {
            if (Languages.sameLanguage(language, w.code)) {
                return w;
            }
        }
        return null;
    }

    /**
     * Trigger words and what each asks for, in parallel arrays: scanned in place, no hashing of
     * substrings.
     */
    static final String[] TRIGGER_WORDS = {
        "manager",
        "supervisor",
        "escalate",
        "human",
        "cancel",
        "cancelling",
        "canceling",
        "cancellation",
        "chargeback",
        "complaint",
        "complain",
        "lawyer",
        "lawyers",
        "attorney",
        "sue",
        "lawsuit",
        "legal",
        "ombudsman",
        "regulator"
    };

    static final EscalationRequest[] TRIGGER_KINDS = {
        EscalationRequest.MANAGER,
        EscalationRequest.MANAGER,
        EscalationRequest.MANAGER,
        EscalationRequest.MANAGER,
        EscalationRequest.CANCEL,
        EscalationRequest.CANCEL,
        EscalationRequest.CANCEL,
        EscalationRequest.CANCEL,
        EscalationRequest.CANCEL,
        EscalationRequest.COMPLAINT,
        EscalationRequest.COMPLAINT,
        EscalationRequest.LEGAL,
        EscalationRequest.LEGAL,
        EscalationRequest.LEGAL,
        EscalationRequest.LEGAL,
        EscalationRequest.LEGAL,
        EscalationRequest.LEGAL,
        EscalationRequest.LEGAL,
        EscalationRequest.LEGAL
    };

    static final String[] NEGATORS = {
        "no",
        "not",
        "never",
        "dont",
        "don't",
        "didnt",
        "didn't",
        "doesnt",
        "doesn't",
        "wont",
        "won't",
        "without",
        "nor",
        "needn't",
        "neednt",
        "cannot",
        "can't",
        "cant",
        "shouldn't",
        "mind"
    };

    /** Words that make a following "manager" or "supervisor" a request. */
    static final String[] REQUEST_CUES = {
        "speak",
        "talk",
        "want",
        "need",
        "get",
        "see",
        "call",
        "connect",
        "transfer",
        "put",
        "give",
        "let",
        "where",
        "bring",
        "ask",
        "demand",
        "request",
        "your",
        "escalate",
        "contact",
        "reach"
    };

    /**
     * Words that make a following "lawyer", "attorney" or "legal" a threat ("call an attorney",
     * "take legal action"), as a possessive right before it does ("my lawyer", but not "my brother
     * is a lawyer"); without one the word is only talk ("I love lawyer movies", "is it legal to
     * return it?").
     */
    static final String[] LEGAL_CUES = {
        "get",
        "getting",
        "call",
        "calling",
        "contact",
        "contacting",
        "hire",
        "hiring",
        "involve",
        "involving",
        "speak",
        "speaking",
        "talk",
        "talking",
        "hear",
        "hearing",
        "from",
        "take",
        "taking",
        "consult",
        "consulting",
        "retain",
        "pursue",
        "pursuing",
        "seek",
        "seeking"
    };

    private static List<Trigger> english() {
        List<Trigger> list = new ArrayList<>();
        for (int k = 0; k < TRIGGER_WORDS.length; k++) {
            String w = TRIGGER_WORDS[k];
            byte cue =
                    w.equals("manager") || w.equals("supervisor")
                            ? REQUEST_CUE
                            : w.equals("lawyer")
                                            || w.equals("lawyers")
                                            || w.equals("attorney")
                                            || w.equals("legal")
                                    ? LEGAL_CUE
                                    : NO_CUE;
            list.add(new Trigger(w, TRIGGER_KINDS[k], cue));
        }
        return list;
    }

    static final RequestWords ENGLISH =
            new RequestWords(
                    "en",
                    false,
                    false,
                    english(),
                    NEGATORS,
                    REQUEST_CUES,
                    LEGAL_CUES,
                    new String[] {"my", "our"},
                    new String[] {"but"});

    static final RequestWords SPANISH =
            new RequestWords(
                    "es",
                    true,
                    false,
                    all(
                            triggers(
                                    EscalationRequest.MANAGER,
                                    REQUEST_CUE,
                                    "supervisor supervisora gerente encargado encargada responsable jefe humano humana persona"),
                            triggers(
                                    EscalationRequest.CANCEL,
                                    NO_CUE,
                                    "cancelar cancelo cancelen cancelacion anular anulacion rescindir contracargo"),
                            triggers(
                                    EscalationRequest.COMPLAINT,
                                    NO_CUE,
                                    "reclamacion reclamaciones queja quejas quejarme"),
                            triggers(
                                    EscalationRequest.LEGAL,
                                    NO_CUE,
                                    "demandar demandarles demanda denunciar denuncia tribunales juzgado"),
                            triggers(
                                    EscalationRequest.LEGAL,
                                    LEGAL_CUE,
                                    "abogado abogados abogada legales judicial judiciales")),
                    words("no nunca jamas sin ni tampoco"),
                    words(
                            "hablar quiero necesito pasar pasame paseme comunicar comuniqueme ponme pongame llamar ver exijo pido solicito donde su tu"),
                    words(
                            "llamar llamare contactar hablar consultar contratar acudir acciones medidas via"),
                    words("mi mis nuestro nuestros"),
                    words("pero sino"));

    static final RequestWords FRENCH =
            new RequestWords(
                    "fr",
                    true,
                    false,
                    all(
                            triggers(
                                    EscalationRequest.MANAGER,
                                    REQUEST_CUE,
                                    "responsable superviseur manager directeur superieur chef humain humaine conseiller"),
                            triggers(
                                    EscalationRequest.CANCEL,
                                    NO_CUE,
                                    "annuler annulation resilier resiliation resilie resilierai"),
                            triggers(
                                    EscalationRequest.COMPLAINT,
                                    NO_CUE,
                                    "reclamation reclamations plainte plaindre"),
                            triggers(
                                    EscalationRequest.LEGAL,
                                    NO_CUE,
                                    "tribunal tribunaux mediateur proces poursuites"),
                            triggers(EscalationRequest.LEGAL, LEGAL_CUE, "avocat avocats justice")),
                    words("ne n pas jamais sans ni aucun aucune plus"),
                    words(
                            "parler veux voudrais besoin passer passez mettre appeler joindre contacter voir exige demande votre"),
                    words("contacter appeler prendre consulter saisir en voie"),
                    words("mon mes notre nos"),
                    words("mais"));

    static final RequestWords GERMAN =
            new RequestWords(
                    "de",
                    true,
                    true,
                    all(
                            triggers(
                                    EscalationRequest.MANAGER,
                                    REQUEST_CUE,
                                    "vorgesetzten vorgesetzter vorgesetzte chef chefin teamleiter manager supervisor mensch menschen"),
                            triggers(
                                    EscalationRequest.CANCEL,
                                    NO_CUE,
                                    "kundigen kundige kundigung stornieren storniere stornierung widerrufen widerruf"),
                            triggers(
                                    EscalationRequest.COMPLAINT,
                                    NO_CUE,
                                    "beschwerde beschweren reklamation"),
                            triggers(
                                    EscalationRequest.LEGAL,
                                    NO_CUE,
                                    "verklagen klage klagen gericht rechtliche verbraucherzentrale schlichtungsstelle"),
                            triggers(
                                    EscalationRequest.LEGAL, LEGAL_CUE, "anwalt anwaltin anwalte")),
                    words("nicht kein keine keinen keinem keiner nie niemals ohne weder"),
                    words(
                            "sprechen will mochte brauche verbinden geben holen wo ihren ihrem ihr mit verlange fordere einen"),
                    words("einschalten einen zum"),
                    words("mein meinen meinem meine unser unseren"),
                    words("aber sondern"));

    static final RequestWords ITALIAN =
            new RequestWords(
                    "it",
                    true,
                    false,
                    all(
                            triggers(
                                    EscalationRequest.MANAGER,
                                    REQUEST_CUE,
                                    "responsabile supervisore direttore capo umano operatore"),
                            triggers(
                                    EscalationRequest.CANCEL,
                                    NO_CUE,
                                    "disdire disdetta disdico annullare annullamento recesso recedere"),
                            triggers(
                                    EscalationRequest.COMPLAINT,
                                    NO_CUE,
                                    "reclamo reclami lamentela"),
                            triggers(
                                    EscalationRequest.LEGAL,
                                    NO_CUE,
                                    "denuncia denunciare denuncio querela tribunale legali"),
                            triggers(EscalationRequest.LEGAL, LEGAL_CUE, "avvocato avvocati")),
                    words("non mai senza nessun nessuno"),
                    words(
                            "parlare voglio vorrei bisogno passare passarmi passami mettere chiamare contattare vedere esigo chiedo pretendo suo vostro"),
                    words("chiamare contattare consultare sentire rivolgermi dal al"),
                    words("mio miei nostro"),
                    words("ma pero"));

    static final RequestWords PORTUGUESE =
            new RequestWords(
                    "pt",
                    true,
                    false,
                    all(
                            triggers(
                                    EscalationRequest.MANAGER,
                                    REQUEST_CUE,
                                    "supervisor supervisora gerente responsavel humano atendente"),
                            triggers(
                                    EscalationRequest.CANCEL,
                                    NO_CUE,
                                    "cancelar cancelamento cancelo rescindir rescisao estorno"),
                            triggers(
                                    EscalationRequest.COMPLAINT,
                                    NO_CUE,
                                    "reclamacao reclamacoes reclamar queixa"),
                            triggers(EscalationRequest.LEGAL, NO_CUE, "processar procon tribunal"),
                            triggers(
                                    EscalationRequest.LEGAL,
                                    LEGAL_CUE,
                                    "advogado advogados processo justica judicial")),
                    words("nao nunca sem nem jamais nenhum nenhuma"),
                    words(
                            "falar quero preciso passar transferir chamar ligar ver exijo peco solicito seu sua com"),
                    words("chamar contratar consultar acionar falar entrar abrir mover na acao"),
                    words("meu meus nosso"),
                    words("mas porem"));

    private static final RequestWords[] LANGUAGES = {
        ENGLISH, SPANISH, FRENCH, GERMAN, ITALIAN, PORTUGUESE
    };
}
