package dev.switchboard.models.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests as customers write them in each language, and the same words negated or only talked
 * about, which are not requests.
 */
class EscalationRequestsLanguagesTest {
    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "es | MANAGER   | Quiero hablar con un supervisor ya",
                "es | MANAGER   | Páseme con el encargado, por favor",
                "es | MANAGER   | Necesito hablar con una persona, no con un robot",
                "es | CANCEL    | Quiero cancelar mi suscripción",
                "es | COMPLAINT | Voy a poner una reclamación",
                "es | LEGAL     | Lo va a saber mi abogado",
                "es | LEGAL     | Tomaré acciones legales contra ustedes",
                "fr | MANAGER   | Je veux parler à un responsable",
                "fr | MANAGER   | Passez-moi votre supérieur",
                "fr | CANCEL    | Je veux résilier mon abonnement",
                "fr | COMPLAINT | Je vais faire une réclamation",
                "fr | LEGAL     | Je vais contacter mon avocat",
                "fr | LEGAL     | Je vais vous traîner au tribunal",
                "de | MANAGER   | Ich will sofort mit Ihrem Vorgesetzten sprechen",
                "de | MANAGER   | Verbinden Sie mich mit einem Menschen",
                "de | CANCEL    | Ich möchte meinen Vertrag kündigen",
                "de | COMPLAINT | Ich werde eine Beschwerde einreichen",
                "de | LEGAL     | Ich schalte meinen Anwalt ein",
                "de | LEGAL     | Dann werde ich Sie verklagen",
                "it | MANAGER   | Voglio parlare con un responsabile",
                "it | MANAGER   | Passami un operatore umano",
                "it | CANCEL    | Voglio disdire il contratto",
                "it | COMPLAINT | Farò un reclamo formale",
                "it | LEGAL     | Chiamerò il mio avvocato",
                "it | LEGAL     | Vi denuncio",
                "pt | MANAGER   | Quero falar com o gerente",
                "pt | MANAGER   | Preciso falar com um atendente humano",
                "pt | CANCEL    | Quero cancelar minha assinatura",
                "pt | COMPLAINT | Vou fazer uma reclamação",
                "pt | LEGAL     | Vou acionar meu advogado",
                "pt | LEGAL     | Vou reclamar no Procon"
            })
    void findsTheRequest(String language, EscalationRequest expected, String text) {
        assertEquals(expected, EscalationRequests.detect(text, language), text);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "es | No hace falta un supervisor",
                "es | No quiero cancelar nada, solo cambiar la fecha",
                "es | El encargado de la tienda fue muy amable",
                "es | Mi hermano es abogado y le encanta su trabajo",
                "fr | Pas besoin d'un responsable",
                "fr | Je ne veux pas annuler, juste changer l'adresse",
                "fr | Le responsable du magasin était très gentil",
                "de | Ich brauche keinen Vorgesetzten",
                "de | Ich will nicht kündigen",
                "de | Ich kündige nicht, ich will nur die Adresse ändern",
                "de | Der Chef im Laden war sehr nett",
                "it | Non serve un responsabile",
                "it | Non voglio disdire, solo cambiare il piano",
                "it | Il responsabile del negozio è stato gentile",
                "pt | Não precisa de supervisor",
                "pt | Não quero cancelar, só mudar o plano",
                "pt | O gerente da loja foi muito educado"
            })
    void aNegatedOrIdleMentionIsNotARequest(String language, String text) {
        assertEquals(EscalationRequest.NONE, EscalationRequests.detect(text, language), text);
    }

    @Test
    void languagesWithoutWordsReadNothingAndTagsAreReadByTheirPrimaryLanguage() {
        assertFalse(EscalationRequests.reads("nl"));
        assertEquals(
                EscalationRequest.NONE,
                EscalationRequests.detect("Ik wil de manager spreken", "nl"));
        assertTrue(EscalationRequests.reads("es-MX"));
        assertEquals(
                EscalationRequest.MANAGER,
                EscalationRequests.detect("Quiero hablar con un supervisor", "es-MX"));
        assertEquals(
                EscalationRequest.MANAGER,
                EscalationRequests.detect("I want to speak to your manager", null));
    }
}
