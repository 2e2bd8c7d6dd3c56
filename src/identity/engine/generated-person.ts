/** A generated record with the columns `identity generate` writes, and the person it stands for. */
export interface GeneratedPerson {
  id: string;
  cluster_id: string;
  given_name: string;
  middle_name: string;
  surname: string;
  second_surname: string;
  sex: string;
  date_of_birth: string;
  nationality: string;
  birth_place: string;
  document_number: string;
  phone: string;
  city: string;
}
